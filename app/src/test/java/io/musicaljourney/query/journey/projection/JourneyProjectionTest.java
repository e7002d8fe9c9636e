package io.musicaljourney.query.journey.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.journey.event.JourneyGraphSavedEvent;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import io.musicaljourney.support.IntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.musicaljourney.query.journey.projection.ProjectorFeed.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The projector against PostgreSQL: the rows and JSONB entries it writes, and that redelivery changes nothing. */
class JourneyProjectionTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant STARTED = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final NodeId START = NodeId.of("mjc-robert-johnson");

    @Autowired
    private JourneyProjector projector;
    @Autowired
    private TransactionManager transactions;
    @Autowired
    private JourneyProjectionTracker tracker;

    private ProjectorFeed feed;
    private final JourneyId journey = JourneyId.random();
    private final String owner = newUser();

    @BeforeEach
    void feedTheApplicationsProjector() {
        feed = new ProjectorFeed(projector, transactions);
    }

    @Test
    void aStartedJourneyIsARowAtTheEventsSequenceAndTime() {
        feed.project(started(journey, owner, "Blues roots"));

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT user_id, title, starting_node_type, starting_node_id, starting_node_name,
                       nodes_visited::text AS nodes_visited, tracks::text AS tracks, narratives::text AS narratives,
                       graph::text AS graph, created_at, updated_at, is_public, share_token, version
                FROM journeys WHERE id = ?""", journey.value());
        assertThat(row).containsEntry("user_id", owner)
                .containsEntry("title", "Blues roots")
                .containsEntry("starting_node_type", "artist")
                .containsEntry("starting_node_id", "mjc-robert-johnson")
                .containsEntry("starting_node_name", "Robert Johnson")
                .containsEntry("nodes_visited", "[]")
                .containsEntry("tracks", "[]")
                .containsEntry("narratives", "[]")
                .containsEntry("graph", "{}")
                .containsEntry("is_public", false)
                .containsEntry("share_token", null)
                .containsEntry("version", 0L);
        assertThat(utc(row.get("created_at"))).isEqualTo(STARTED);
        assertThat(utc(row.get("updated_at"))).isEqualTo(STARTED);
    }

    @Test
    void entriesCarryExactlyTheDesignFieldsThenTheClientsExtraFields() throws Exception {
        Instant visitedAt = STARTED.plusSeconds(10);
        Instant addedAt = STARTED.plusSeconds(20);
        Instant generatedAt = STARTED.plusSeconds(30);
        UUID narrativeId = UUID.randomUUID();
        feed.project(
                started(journey, owner, "Blues roots"),
                event(journey, 1, visitedAt, new NodeVisitedEvent(journey,
                        new NodeRef(NodeId.of("mjc-son-house"), NodeType.ARTIST, "Son House"), PathwayType.GENRE,
                        START, "Teacher and pupil", Map.of("description", "Two sentences.", "nodeName", "ignored"))),
                event(journey, 2, addedAt, new TrackAddedEvent(journey,
                        new TrackRef(TrackId.of("4dhMOyqxMpbKJgLx7bUtwD"), "Death Letter", "Son House", null, null),
                        NodeId.of("mjc-son-house"), Map.of("uri", "spotify:track:4dhMOyqxMpbKJgLx7bUtwD"))),
                event(journey, 3, generatedAt, new NarrativeRecordedEvent(journey, narrativeId, START,
                        NodeId.of("mjc-son-house"), PathwayType.INFLUENCES, "A story.")));

        assertThat(column("nodes_visited")).isEqualTo(JSON.readTree("""
                [{"nodeId": "mjc-son-house", "nodeType": "artist", "nodeName": "Son House", "pathwayType": "genre",
                  "visitedAt": "2025-05-01T10:00:10.123456Z", "parentNodeId": "mjc-robert-johnson",
                  "narrative": "Teacher and pupil", "description": "Two sentences."}]
                """));
        assertThat(column("tracks")).isEqualTo(JSON.readTree("""
                [{"trackId": "4dhMOyqxMpbKJgLx7bUtwD", "trackName": "Death Letter", "artistName": "Son House",
                  "albumName": null, "previewUrl": null, "addedAt": "2025-05-01T10:00:20.123456Z",
                  "fromNodeId": "mjc-son-house", "uri": "spotify:track:4dhMOyqxMpbKJgLx7bUtwD"}]
                """));
        assertThat(column("narratives")).isEqualTo(JSON.readTree("""
                [{"id": "%s", "fromNodeId": "mjc-robert-johnson", "toNodeId": "mjc-son-house",
                  "pathwayType": "influences", "narrative": "A story.", "generatedAt": "2025-05-01T10:00:30.123456Z"}]
                """.formatted(narrativeId)));
        assertThat(version()).isEqualTo(3);
        assertThat(updatedAt()).isEqualTo(generatedAt);
    }

    @Test
    void replayingAnEventTwiceChangesNothing() {
        List<DomainEventMessage<?>> history = fullHistory();
        feed.project(history);
        String projected = snapshot();

        feed.project(history);
        history.forEach(feed::project);
        feed.project(history.get(2));

        assertThat(snapshot()).isEqualTo(projected);
        assertThat(version()).isEqualTo(history.size() - 1);
    }

    @Test
    void removingAVisitOrATrackKeepsTheOthersInTheirOrder() throws Exception {
        feed.project(
                started(journey, owner, null),
                visit(1, "a"), visit(2, "b"), visit(3, "c"),
                track(4, "x", "a"), track(5, "y", "b"), track(6, "z", "c"),
                event(journey, 7, STARTED.plusSeconds(7), new NodeVisitRemovedEvent(journey, NodeId.of("b"))),
                event(journey, 8, STARTED.plusSeconds(8), new TrackRemovedEvent(journey, TrackId.of("x"))));

        assertThat(field(column("nodes_visited"), "nodeId")).containsExactly("a", "c");
        assertThat(field(column("tracks"), "trackId")).containsExactly("y", "z");

        feed.project(
                event(journey, 9, STARTED.plusSeconds(9), new NodeVisitRemovedEvent(journey, NodeId.of("a"))),
                event(journey, 10, STARTED.plusSeconds(10), new NodeVisitRemovedEvent(journey, NodeId.of("c"))));

        assertThat(column("nodes_visited")).isEqualTo(JSON.readTree("[]"));
    }

    @Test
    void sharingRotatingAndUnsharingMoveTheTokenAndThePublicFlag() {
        ShareToken first = ShareToken.of("first-" + UUID.randomUUID());
        ShareToken second = ShareToken.of("second-" + UUID.randomUUID());
        feed.project(started(journey, owner, "Shared"),
                event(journey, 1, STARTED.plusSeconds(1), new JourneySharedEvent(journey, first)));
        assertThat(sharing()).containsEntry("is_public", true).containsEntry("share_token", first.value());

        feed.project(event(journey, 2, STARTED.plusSeconds(2), new ShareTokenRotatedEvent(journey, second)));
        assertThat(sharing()).containsEntry("is_public", true).containsEntry("share_token", second.value());

        feed.project(event(journey, 3, STARTED.plusSeconds(3), new JourneyUnsharedEvent(journey)));
        assertThat(sharing()).containsEntry("is_public", false).containsEntry("share_token", null);
        assertThat(updatedAt()).isEqualTo(STARTED.plusSeconds(3));
    }

    @Test
    void titleAndGraphFollowTheirLatestEvents() throws Exception {
        feed.project(started(journey, owner, "Old title"),
                event(journey, 1, STARTED.plusSeconds(1), new JourneyRenamedEvent(journey, null)),
                event(journey, 2, STARTED.plusSeconds(2), new JourneyGraphSavedEvent(journey,
                        Map.of("nodes", List.of(Map.of("id", "n1")), "edges", List.of()))));

        assertThat(jdbc.queryForObject("SELECT title FROM journeys WHERE id = ?", String.class, journey.value()))
                .isNull();
        assertThat(column("graph")).isEqualTo(JSON.readTree("{\"nodes\": [{\"id\": \"n1\"}], \"edges\": []}"));

        feed.project(event(journey, 3, STARTED.plusSeconds(3), new JourneyGraphSavedEvent(journey, null)));
        assertThat(column("graph")).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void aDeletedJourneyHasNoRowAndItsRedeliveredEventsDoNotBringItBack() {
        List<DomainEventMessage<?>> history = List.of(started(journey, owner, "Gone"), visit(1, "a"));
        feed.project(history);

        feed.project(event(journey, 2, STARTED.plusSeconds(2), new JourneyDeletedEvent(journey)));
        feed.project(history.get(1));

        assertThat(rows()).isZero();
    }

    @Test
    void waitersLearnOfARowOnlyOnceItIsCommitted() throws Exception {
        feed.project(started(journey, owner, "Awaited"));
        assertThat(tracker.awaitVersion(journey, 0, Duration.ZERO)).isTrue();

        CompletableFuture<Long> seenByWaiter = CompletableFuture.supplyAsync(() ->
                tracker.awaitVersion(journey, 1, Duration.ofSeconds(30)) ? version() : -1L);
        feed.project(visit(1, "a"));

        assertThat(seenByWaiter.get(30, TimeUnit.SECONDS)).isEqualTo(1L);
    }

    @Test
    void aDeletionReleasesItsWaitersThoughNoRowIsLeft() {
        feed.project(started(journey, owner, "Deleted"));

        feed.project(event(journey, 1, STARTED.plusSeconds(1), new JourneyDeletedEvent(journey)));

        assertThat(tracker.awaitVersion(journey, 1, Duration.ZERO)).isTrue();
        assertThat(tracker.awaitVersion(journey, 2, Duration.ofMillis(10))).isFalse();
    }

    /** Every kind of event once, in an order the aggregate allows. */
    private List<DomainEventMessage<?>> fullHistory() {
        return List.of(
                started(journey, owner, "Everything"),
                visit(1, "a"),
                visit(2, "b"),
                track(3, "x", "a"),
                track(4, "y", "b"),
                event(journey, 5, STARTED.plusSeconds(5), new NodeVisitRemovedEvent(journey, NodeId.of("a"))),
                event(journey, 6, STARTED.plusSeconds(6), new TrackRemovedEvent(journey, TrackId.of("x"))),
                event(journey, 7, STARTED.plusSeconds(7), new NarrativeRecordedEvent(journey, UUID.randomUUID(),
                        START, NodeId.of("b"), PathwayType.LEGACY, "A story.")),
                event(journey, 8, STARTED.plusSeconds(8), new JourneyRenamedEvent(journey, "Renamed")),
                event(journey, 9, STARTED.plusSeconds(9), new JourneyGraphSavedEvent(journey,
                        Map.of("nodes", List.of(), "edges", List.of()))),
                event(journey, 10, STARTED.plusSeconds(10),
                        new JourneySharedEvent(journey, ShareToken.of("t-" + UUID.randomUUID()))),
                event(journey, 11, STARTED.plusSeconds(11),
                        new ShareTokenRotatedEvent(journey, ShareToken.of("t-" + UUID.randomUUID()))),
                event(journey, 12, STARTED.plusSeconds(12), new JourneyUnsharedEvent(journey)));
    }

    static DomainEventMessage<?> started(JourneyId journey, String owner, String title) {
        return event(journey, 0, STARTED, new JourneyStartedEvent(journey, UserId.of(owner), title,
                new NodeRef(START, NodeType.ARTIST, "Robert Johnson")));
    }

    private DomainEventMessage<?> visit(long sequence, String nodeId) {
        return event(journey, sequence, STARTED.plusSeconds(sequence), new NodeVisitedEvent(journey,
                new NodeRef(NodeId.of(nodeId), NodeType.ARTIST, "Artist " + nodeId), PathwayType.INFLUENCES,
                START, null, Map.of()));
    }

    private DomainEventMessage<?> track(long sequence, String trackId, String fromNodeId) {
        return event(journey, sequence, STARTED.plusSeconds(sequence), new TrackAddedEvent(journey,
                new TrackRef(TrackId.of(trackId), "Track " + trackId, "Artist", "Album", null),
                NodeId.of(fromNodeId), Map.of()));
    }

    private JsonNode column(String name) throws Exception {
        return JSON.readTree(jdbc.queryForObject("SELECT " + name + "::text FROM journeys WHERE id = ?",
                String.class, journey.value()));
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> values = new ArrayList<>();
        array.forEach(entry -> values.add(entry.get(name).asText()));
        return values;
    }

    private String snapshot() {
        return jdbc.queryForObject("SELECT row_to_json(j)::text FROM journeys j WHERE id = ?", String.class,
                journey.value());
    }

    private long version() {
        return jdbc.queryForObject("SELECT version FROM journeys WHERE id = ?", Long.class, journey.value());
    }

    private Instant updatedAt() {
        return utc(jdbc.queryForObject("SELECT updated_at FROM journeys WHERE id = ?", LocalDateTime.class,
                journey.value()));
    }

    private Map<String, Object> sharing() {
        return jdbc.queryForMap("SELECT is_public, share_token FROM journeys WHERE id = ?", journey.value());
    }

    private int rows() {
        return jdbc.queryForObject("SELECT count(*) FROM journeys WHERE id = ?", Integer.class, journey.value());
    }

    private static Instant utc(Object timestamp) {
        LocalDateTime local = timestamp instanceof Timestamp sql ? sql.toLocalDateTime()
                : (LocalDateTime) timestamp;
        return local.toInstant(ZoneOffset.UTC);
    }
}
