package io.musicaljourney.query.history.fold;

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
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.query.journey.projection.JourneyEntries;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-memory fold follows the projector's rules: the entries are {@link JourneyEntries}' own, removals drop the
 * entry, every handled event sets the version and the update time (at microsecond precision). The byte-for-byte
 * comparison with the projected row runs against PostgreSQL in the app module.
 */
class JourneyFoldTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");
    private static final JourneyId JOURNEY = JourneyId.random();
    private static final NodeId START = NodeId.of("mjc-robert-johnson");

    private final JourneyEntries entries = new JourneyEntries(JSON);
    private final JourneyFold fold = new JourneyFold(entries);

    @Test
    void aJustStartedJourneyIsTheInsertedRowAtVersionZero() {
        fold.apply(started(), 0, T0);

        JourneyDetail detail = fold.detail();

        assertThat(detail.id()).isEqualTo(JOURNEY.asString());
        assertThat(detail.userId()).isEqualTo("alice");
        assertThat(detail.title()).isEqualTo("Blues roots");
        assertThat(detail.startingNodeType()).isEqualTo("artist");
        assertThat(detail.startingNodeId()).isEqualTo(START.value());
        assertThat(detail.startingNodeName()).isEqualTo("Robert Johnson");
        assertThat(detail.nodesVisited()).isEqualTo("[]");
        assertThat(detail.tracks()).isEqualTo("[]");
        assertThat(detail.narratives()).isEqualTo("[]");
        assertThat(detail.graph()).isEqualTo("{}");
        assertThat(detail.createdAt()).isEqualTo(Instant.parse("2025-03-04T05:06:07.123456Z"));
        assertThat(detail.updatedAt()).isEqualTo(detail.createdAt());
        assertThat(detail.isPublic()).isFalse();
        assertThat(detail.shareToken()).isNull();
        assertThat(detail.version()).isZero();
    }

    @Test
    void entriesAreTheProjectorsOwnJoinedInOrderAndRemovalsDropThem() throws Exception {
        NodeVisitedEvent sonHouse = visited("mjc-son-house", Map.of("description", "Kept verbatim"));
        NodeVisitedEvent patton = visited("mjc-charley-patton", null);
        TrackAddedEvent track = new TrackAddedEvent(JOURNEY,
                new TrackRef(TrackId.of("walking-blues"), "Walking Blues", "Son House", null, null),
                NodeId.of("mjc-son-house"), Map.of());
        NarrativeRecordedEvent narrative = new NarrativeRecordedEvent(JOURNEY, UUID.randomUUID(), START,
                NodeId.of("mjc-son-house"), PathwayType.INFLUENCES, "Teacher and pupil");
        fold.apply(started(), 0, T0)
                .apply(sonHouse, 1, T0.plusSeconds(1))
                .apply(patton, 2, T0.plusSeconds(2))
                .apply(track, 3, T0.plusSeconds(3))
                .apply(narrative, 4, T0.plusSeconds(4));

        JourneyDetail detail = fold.detail();

        assertThat(JSON.readTree(detail.nodesVisited())).isEqualTo(JSON.readTree(join(
                entries.visitedNode(sonHouse, T0.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MICROS)),
                entries.visitedNode(patton, T0.plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS)))));
        assertThat(JSON.readTree(detail.tracks()).get(0).get("trackId").asText()).isEqualTo("walking-blues");
        assertThat(JSON.readTree(detail.narratives()).get(0).get("narrative").asText()).isEqualTo("Teacher and pupil");

        fold.apply(new NodeVisitRemovedEvent(JOURNEY, NodeId.of("mjc-son-house")), 5, T0.plusSeconds(5))
                .apply(new TrackRemovedEvent(JOURNEY, TrackId.of("walking-blues")), 6, T0.plusSeconds(6))
                .apply(new TrackRemovedEvent(JOURNEY, TrackId.of("never-there")), 7, T0.plusSeconds(7));

        JsonNode nodes = JSON.readTree(fold.detail().nodesVisited());
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).get("nodeId").asText()).isEqualTo("mjc-charley-patton");
        assertThat(fold.detail().tracks()).isEqualTo("[]");
        assertThat(fold.detail().version()).isEqualTo(7);
        assertThat(fold.detail().updatedAt()).isEqualTo(T0.plusSeconds(7).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void titleGraphAndSharingFollowTheirEvents() throws Exception {
        fold.apply(started(), 0, T0)
                .apply(new JourneyRenamedEvent(JOURNEY, "Crossroads"), 1, T0)
                .apply(new JourneyGraphSavedEvent(JOURNEY, Map.of("nodes", java.util.List.of())), 2, T0)
                .apply(new JourneySharedEvent(JOURNEY, ShareToken.of("first")), 3, T0);
        assertThat(fold.detail().title()).isEqualTo("Crossroads");
        assertThat(JSON.readTree(fold.detail().graph())).isEqualTo(JSON.readTree("{\"nodes\": []}"));
        assertThat(fold.detail().isPublic()).isTrue();
        assertThat(fold.detail().shareToken()).isEqualTo("first");

        fold.apply(new ShareTokenRotatedEvent(JOURNEY, ShareToken.of("second")), 4, T0);
        assertThat(fold.detail().shareToken()).isEqualTo("second");

        fold.apply(new JourneyUnsharedEvent(JOURNEY), 5, T0)
                .apply(new JourneyRenamedEvent(JOURNEY, null), 6, T0)
                .apply(new JourneyGraphSavedEvent(JOURNEY, null), 7, T0);
        assertThat(fold.detail().isPublic()).isFalse();
        assertThat(fold.detail().shareToken()).isNull();
        assertThat(fold.detail().title()).isNull();
        assertThat(fold.detail().graph()).isEqualTo("{}");
        assertThat(fold.detail().version()).isEqualTo(7);
    }

    @Test
    void anEventTheProjectorDoesNotHandleChangesNothingNotEvenTheVersion() {
        fold.apply(started(), 0, T0).apply("something new", 1, T0.plusSeconds(1));

        assertThat(fold.version()).isZero();
        assertThat(fold.detail().updatedAt()).isEqualTo(fold.detail().createdAt());
    }

    @Test
    void aDeletedJourneyNoLongerExistsButKeepsItsOwner() {
        fold.apply(started(), 0, T0).apply(new JourneyDeletedEvent(JOURNEY), 1, T0);

        assertThat(fold.exists()).isFalse();
        assertThat(fold.deleted()).isTrue();
        assertThat(fold.owner()).contains(UserId.of("alice"));
        assertThatThrownBy(fold::detail).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nothingExistsBeforeTheStart() {
        fold.apply(visited("mjc-son-house", null), 1, T0);

        assertThat(fold.exists()).isFalse();
        assertThat(fold.version()).isEqualTo(-1);
    }

    private static JourneyStartedEvent started() {
        return new JourneyStartedEvent(JOURNEY, UserId.of("alice"), "Blues roots",
                new NodeRef(START, NodeType.ARTIST, "Robert Johnson"));
    }

    private static NodeVisitedEvent visited(String nodeId, Map<String, Object> attributes) {
        return new NodeVisitedEvent(JOURNEY, new NodeRef(NodeId.of(nodeId), NodeType.ARTIST, nodeId),
                PathwayType.INFLUENCES, START, null, attributes);
    }

    /** Two of the projector's one-entry arrays as the one array they make when appended. */
    private static String join(String first, String second) {
        return first.substring(0, first.length() - 1) + "," + second.substring(1);
    }
}
