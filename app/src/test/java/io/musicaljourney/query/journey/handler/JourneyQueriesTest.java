package io.musicaljourney.query.journey.handler;

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
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.query.journey.projection.JourneyProjector;
import io.musicaljourney.query.journey.projection.ProjectorFeed;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.musicaljourney.query.journey.projection.ProjectorFeed.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read routes over journeys projected from chosen events: which journeys each query returns, in which order,
 * and in which shape. Every test acts for fresh users, so other tests' journeys never show up in its lists.
 */
class JourneyQueriesTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @Autowired
    private JourneyProjector projector;
    @Autowired
    private TransactionManager transactions;

    private ProjectorFeed feed;
    private final String alice = newUser();
    private final String bob = newUser();

    @BeforeEach
    void feedTheApplicationsProjector() {
        feed = new ProjectorFeed(projector, transactions);
    }

    @Test
    void theOwnersJourneysComeMostRecentlyChangedFirstWithTheirCounts() {
        JourneyId oldest = start(alice, "Oldest", "mjc-robert-johnson", T0);
        JourneyId middle = start(alice, "Middle", "mjc-son-house", T0.plusSeconds(60));
        JourneyId newest = start(alice, "Newest", "mjc-robert-johnson", T0.plusSeconds(120));
        start(bob, "Not Alice's", "mjc-robert-johnson", T0.plusSeconds(180));
        feed.project(
                event(oldest, 1, T0.plusSeconds(240), visited(oldest, "mjc-son-house")),
                event(oldest, 2, T0.plusSeconds(241), trackAdded(oldest, "t1", "mjc-son-house")),
                event(oldest, 3, T0.plusSeconds(242), visited(oldest, "mjc-charley-patton")));

        JsonNode journeys = list("/api/journeys", alice);

        assertThat(ids(journeys)).containsExactly(oldest.asString(), newest.asString(), middle.asString());
        JsonNode first = journeys.get(0);
        assertThat(first.get("node_count").asInt()).isEqualTo(2);
        assertThat(first.get("track_count").asInt()).isEqualTo(1);
        assertThat(first.get("created_at").asText()).isEqualTo(T0.toString());
        assertThat(first.get("updated_at").asText()).isEqualTo(T0.plusSeconds(242).toString());
        assertThat(fieldNames(first)).containsExactlyInAnyOrder("id", "title", "starting_node_type",
                "starting_node_id", "starting_node_name", "created_at", "updated_at", "is_public", "share_token",
                "node_count", "track_count");
    }

    @Test
    void journeysChangedAtTheSameTimeArePagedByIdWithoutRepeatsOrGaps() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(start(alice, "Same time " + i, "mjc-robert-johnson", T0).asString());
        }
        all.sort(Comparator.naturalOrder());

        List<String> paged = new ArrayList<>();
        paged.addAll(ids(list("/api/journeys?limit=2&offset=0", alice)));
        paged.addAll(ids(list("/api/journeys?limit=2&offset=2", alice)));
        paged.addAll(ids(list("/api/journeys?limit=2&offset=4", alice)));

        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(list("/api/journeys?offset=5", alice)).isEmpty();
    }

    @Test
    void theListCanBeNarrowedToTheJourneysThatStartedAtANode() {
        JourneyId fromJohnson = start(alice, "From Johnson", "mjc-robert-johnson", T0);
        start(alice, "From House", "mjc-son-house", T0.plusSeconds(1));
        start(bob, "Bob's from Johnson", "mjc-robert-johnson", T0.plusSeconds(2));

        assertThat(ids(list("/api/journeys?startingNodeId=mjc-robert-johnson", alice)))
                .containsExactly(fromJohnson.asString());
        assertThat(list("/api/journeys?startingNodeId=nowhere", alice)).isEmpty();
    }

    @Test
    void aJourneyInFullHasItsEntriesAsJsonItsVersionAndItsEntityTag() throws Exception {
        JourneyId journey = start(alice, "Full", "mjc-robert-johnson", T0);
        UUID narrativeId = UUID.randomUUID();
        feed.project(
                event(journey, 1, T0.plusSeconds(1), visited(journey, "mjc-son-house")),
                event(journey, 2, T0.plusSeconds(2), new NarrativeRecordedEvent(journey, narrativeId,
                        NodeId.of("mjc-robert-johnson"), NodeId.of("mjc-son-house"), PathwayType.INFLUENCES, "Story")));

        Response response = api.get("/api/journeys/" + journey, alice);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        JsonNode detail = response.json().get("journey");
        assertThat(detail.get("user_id").asText()).isEqualTo(alice);
        assertThat(detail.get("version").asLong()).isEqualTo(2);
        assertThat(detail.get("nodes_visited")).isEqualTo(JSON.readTree(jdbc.queryForObject(
                "SELECT nodes_visited::text FROM journeys WHERE id = ?", String.class, journey.value())));
        assertThat(detail.get("narratives").get(0).get("id").asText()).isEqualTo(narrativeId.toString());
        assertThat(detail.get("tracks").isArray()).isTrue();
        assertThat(detail.get("graph").isObject()).isTrue();
        assertThat(detail.get("created_at").asText()).isEqualTo(T0.toString());
        assertThat(detail.get("updated_at").asText()).isEqualTo(T0.plusSeconds(2).toString());
        assertThat(api.get("/api/journeys/" + journey, bob).status()).isEqualTo(404);
        assertThat(api.get("/api/journeys/not-a-journey", alice).json().get("error").asText())
                .isEqualTo("Not found");
    }

    @Test
    void journeysThatVisitedANodeAreFoundThroughTheirVisitedNodes() {
        String awkwardId = "a \"quoted\" node\\id";
        JourneyId visiting = start(alice, "Visits it", "mjc-robert-johnson", T0);
        JourneyId visitingLater = start(alice, "Visits it later", "mjc-robert-johnson", T0.plusSeconds(1));
        JourneyId elsewhere = start(alice, "Goes elsewhere", "mjc-robert-johnson", T0.plusSeconds(2));
        JourneyId bobs = start(bob, "Bob's visit", "mjc-robert-johnson", T0.plusSeconds(3));
        feed.project(event(visiting, 1, T0.plusSeconds(10), visited(visiting, awkwardId)));
        feed.project(event(visitingLater, 1, T0.plusSeconds(11), visited(visitingLater, awkwardId)));
        feed.project(event(elsewhere, 1, T0.plusSeconds(12), visited(elsewhere, "mjc-son-house")));
        feed.project(event(bobs, 1, T0.plusSeconds(13), visited(bobs, awkwardId)));

        String query = "/api/journeys/visited?nodeId=" + URLEncoder.encode(awkwardId, StandardCharsets.UTF_8);
        assertThat(ids(list(query, alice))).containsExactly(visitingLater.asString(), visiting.asString());
        assertThat(ids(list(query + "&limit=1&offset=1", alice))).containsExactly(visiting.asString());
        assertThat(list("/api/journeys/visited?nodeId=a", alice)).isEmpty();

        Response missing = api.get("/api/journeys/visited", alice);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("Query parameter \"nodeId\" is required");
    }

    @Test
    void theVisitedNodeSearchAsksTheExpressionOfTheIndexOfVisitedNodeIds() {
        List<String> plan = transactions.fetchInTransaction(() -> {
            // Without other access paths the planner must take the index, and can only if the expressions match.
            jdbc.execute("SET LOCAL enable_seqscan = off");
            jdbc.execute("SET LOCAL enable_indexscan = off");
            return jdbc.queryForList("EXPLAIN SELECT id FROM journeys WHERE " + JourneyQueryHandler.VISITED_NODE_IDS
                    + " @> CAST(? AS jsonb)", String.class, "[\"mjc-son-house\"]");
        });

        assertThat(String.join("\n", plan)).contains("idx_journeys_visited_node_ids");
    }

    @Test
    void visitedNodeArraysAreCompressedWithLz4WhereTheServerHasIt() {
        boolean lz4 = Boolean.TRUE.equals(jdbc.queryForObject("SELECT 'lz4' = ANY (enumvals) FROM pg_settings "
                + "WHERE name = 'default_toast_compression'", Boolean.class));

        List<String> methods = jdbc.queryForList("SELECT attcompression::text FROM pg_attribute WHERE attrelid = "
                + "'journeys'::regclass AND attname IN ('nodes_visited', 'tracks', 'narratives')", String.class);

        assertThat(methods).hasSize(3).containsOnly(lz4 ? "l" : "");
    }

    @Test
    void publicJourneysAreNewestFirstAndNeverNameTheirOwners() {
        // Later than anything other tests create, so that these lead the global list.
        Instant future = Instant.parse("2999-01-01T00:00:00Z");
        JourneyId older = startShared(alice, "Older", future);
        JourneyId newer = startShared(bob, "Newer", future.plusSeconds(1));
        JourneyId unshared = startShared(alice, "Unshared", future.plusSeconds(2));
        feed.project(event(unshared, 2, future.plusSeconds(3), new JourneyUnsharedEvent(unshared)));

        JsonNode journeys = list("/api/journeys/public?limit=2", alice);

        assertThat(ids(journeys)).containsExactly(newer.asString(), older.asString());
        assertThat(fieldNames(journeys.get(0))).containsExactlyInAnyOrder("id", "title", "starting_node_type",
                "starting_node_id", "starting_node_name", "created_at", "updated_at", "share_token", "node_count",
                "track_count");
    }

    @Test
    void aSharedJourneyIsReadableByItsCurrentTokenOnlyWhileItIsShared() {
        JourneyId journey = start(alice, "Shared", "mjc-robert-johnson", T0);
        ShareToken first = ShareToken.of(UUID.randomUUID().toString());
        ShareToken second = ShareToken.of(UUID.randomUUID().toString());
        feed.project(event(journey, 1, T0.plusSeconds(1), new JourneySharedEvent(journey, first)));

        Response shared = api.get("/api/journeys/shared/" + first.value(), null);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(fieldNames(shared.json().get("journey"))).containsExactlyInAnyOrder("id", "title",
                "starting_node_type", "starting_node_id", "starting_node_name", "nodes_visited", "tracks",
                "narratives", "graph", "created_at", "updated_at");

        feed.project(event(journey, 2, T0.plusSeconds(2), new ShareTokenRotatedEvent(journey, second)));
        assertThat(api.get("/api/journeys/shared/" + first.value(), null).status()).isEqualTo(404);
        assertThat(api.get("/api/journeys/shared/" + second.value(), null).status()).isEqualTo(200);

        feed.project(event(journey, 3, T0.plusSeconds(3), new JourneyUnsharedEvent(journey)));
        Response revoked = api.get("/api/journeys/shared/" + second.value(), null);
        assertThat(revoked.status()).isEqualTo(404);
        assertThat(revoked.json().get("error").asText()).isEqualTo("Not found");
    }

    @Test
    void pagingOutsideItsBoundsIsABadRequestWithAMessage() {
        Response tooMany = api.get("/api/journeys?limit=101", alice);
        Response negative = api.get("/api/journeys/public?offset=-1", alice);

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("error").asText()).isEqualTo("limit must be an integer from 1 to 100");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("error").asText()).isEqualTo("offset must be a non-negative integer");
    }

    private JourneyId start(String owner, String title, String startingNodeId, Instant at) {
        JourneyId journey = JourneyId.random();
        feed.project(event(journey, 0, at, new JourneyStartedEvent(journey, UserId.of(owner), title,
                new NodeRef(NodeId.of(startingNodeId), NodeType.ARTIST, "Start of " + title))));
        return journey;
    }

    private JourneyId startShared(String owner, String title, Instant at) {
        JourneyId journey = start(owner, title, "mjc-robert-johnson", at);
        ShareToken token = ShareToken.of(UUID.randomUUID().toString());
        feed.project(event(journey, 1, at, new JourneySharedEvent(journey, token)));
        return journey;
    }

    private static NodeVisitedEvent visited(JourneyId journey, String nodeId) {
        return new NodeVisitedEvent(journey, new NodeRef(NodeId.of(nodeId), NodeType.ARTIST, "Artist"),
                PathwayType.INFLUENCES, null, null, Map.of());
    }

    private static TrackAddedEvent trackAdded(JourneyId journey, String trackId, String fromNodeId) {
        return new TrackAddedEvent(journey, new TrackRef(TrackId.of(trackId), "Track", "Artist", "Album", null),
                NodeId.of(fromNodeId), Map.of());
    }

    private JsonNode list(String path, String user) {
        Response response = api.get(path, user);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("journeys");
    }

    private static List<String> ids(JsonNode journeys) {
        List<String> ids = new ArrayList<>();
        journeys.forEach(journey -> ids.add(journey.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
