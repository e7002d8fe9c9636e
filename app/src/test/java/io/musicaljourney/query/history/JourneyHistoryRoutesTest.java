package io.musicaljourney.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's history routes against the real application and PostgreSQL: events paged from the event store
 * with their metadata, and the journey as it stood at each version or time, compared with what the detail route
 * answered at that moment.
 */
class JourneyHistoryRoutesTest extends IntegrationTest {

    private final String alice = newUser();
    private final String bob = newUser();

    @Test
    void sevenEventsReadThreeAtATimeComeInThreePagesLinkedByCursors() {
        String id = start(alice);
        for (int i = 1; i <= 6; i++) {
            visit(id, "node-" + i);
        }

        JsonNode first = history(id, "?limit=3");
        JsonNode second = history(id, "?limit=3&after=" + first.get("nextCursor").asLong());
        JsonNode third = history(id, "?limit=3&after=" + second.get("nextCursor").asLong());

        assertThat(sequences(first)).containsExactly(0L, 1L, 2L);
        assertThat(first.get("nextCursor").asLong()).isEqualTo(2);
        assertThat(sequences(second)).containsExactly(3L, 4L, 5L);
        assertThat(second.get("nextCursor").asLong()).isEqualTo(5);
        assertThat(sequences(third)).containsExactly(6L);
        assertThat(third.get("nextCursor").isNull()).isTrue();
        assertThat(types(first)).containsExactly("JourneyStarted", "NodeVisited", "NodeVisited");
    }

    @Test
    void aPageEndingWithTheLastEventHasNoCursorAndAPageAfterTheEndIsEmpty() {
        String id = start(alice);
        visit(id, "node-1");
        visit(id, "node-2");

        JsonNode whole = history(id, "?limit=3");
        JsonNode beyond = history(id, "?after=2");

        assertThat(sequences(whole)).containsExactly(0L, 1L, 2L);
        assertThat(whole.get("nextCursor").isNull()).isTrue();
        assertThat(beyond.get("events")).isEmpty();
        assertThat(beyond.get("nextCursor").isNull()).isTrue();
        assertThat(sequences(history(id, ""))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void eachEventCarriesItsTypeRevisionTimeActingUserRequestIdAndReadablePayload() {
        Instant before = Instant.now();
        String id = start(alice);
        Response visit = api.send("POST", "/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-son-house", "Son House", START_ID), Map.of("X-Request-Id", "req-visit-1"));
        assertThat(visit.status()).isEqualTo(200);

        JsonNode event = history(id, "?after=0").get("events").get(0);

        assertThat(fieldNames(event)).containsExactlyInAnyOrder("sequence", "type", "revision", "time",
                "actingUser", "requestId", "payload");
        assertThat(event.get("sequence").asLong()).isEqualTo(1);
        assertThat(event.get("type").asText()).isEqualTo("NodeVisited");
        assertThat(event.get("revision").asText()).isEqualTo("2");
        assertThat(Instant.parse(event.get("time").asText())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(event.get("actingUser").asText()).isEqualTo(alice);
        assertThat(event.get("requestId").asText()).isEqualTo("req-visit-1");
        JsonNode payload = event.get("payload");
        assertThat(payload.get("journeyId").asText()).isEqualTo(id);
        assertThat(payload.get("node").get("id").asText()).isEqualTo("mjc-son-house");
        assertThat(payload.get("node").get("type").asText()).isEqualTo("artist");
        assertThat(payload.get("pathwayType").asText()).isEqualTo("influences");
        assertThat(payload.get("parentNodeId").asText()).isEqualTo(START_ID);
        JsonNode started = history(id, "?limit=1").get("events").get(0);
        assertThat(started.get("payload").get("ownerId").asText()).isEqualTo(alice);
        assertThat(started.get("requestId").asText()).isNotBlank();
    }

    @Test
    void somebodyElsesUnknownOrMalformedJourneyIsNotFoundOnEveryHistoryRoute() {
        String id = start(alice);
        visit(id, "node-1");

        for (String route : List.of("/history", "/history?after=0", "/as-of?version=0",
                "/as-of?at=" + Instant.now())) {
            assertNotFound(api.get("/api/journeys/" + id + route, bob), "Not found");
            assertNotFound(api.get("/api/journeys/" + java.util.UUID.randomUUID() + route, alice), "Not found");
            assertNotFound(api.get("/api/journeys/not-a-uuid" + route, alice), "Not found");
            assertThat(api.get("/api/journeys/" + id + route, null).status()).isEqualTo(401);
        }
    }

    @Test
    void parametersOutOfRangeAreRefusedRatherThanClamped() {
        String id = start(alice);

        assertBadRequest(api.get("/api/journeys/" + id + "/history?limit=0", alice),
                "limit must be an integer from 1 to 100");
        assertBadRequest(api.get("/api/journeys/" + id + "/history?limit=101", alice),
                "limit must be an integer from 1 to 100");
        assertBadRequest(api.get("/api/journeys/" + id + "/history?after=-1", alice),
                "after must be a non-negative integer (the nextCursor of the previous page)");
        assertBadRequest(api.get("/api/journeys/" + id + "/as-of", alice), "Give exactly one of version and at");
        assertBadRequest(api.get("/api/journeys/" + id + "/as-of?version=0&at=" + Instant.now(), alice),
                "Give exactly one of version and at");
        assertBadRequest(api.get("/api/journeys/" + id + "/as-of?version=-1", alice),
                "version must be a non-negative integer");
        assertBadRequest(api.get("/api/journeys/" + id + "/as-of?at=yesterday", alice),
                "at must be an ISO-8601 time such as 2026-03-01T10:15:30.123Z");
    }

    @Test
    void asOfEveryVersionIsExactlyTheDetailTheJourneyHadAtThatVersion() {
        String id = start(alice);
        Map<Long, String> details = new LinkedHashMap<>();
        record(details, id);
        visit(id, "mjc-son-house");
        record(details, id);
        visit(id, "mjc-charley-patton");
        record(details, id);
        command(api.post("/api/journeys/" + id + "/tracks", alice,
                JourneyRequests.track("cross-road-blues", "Cross Road Blues", "mjc-son-house")));
        record(details, id);
        command(api.post("/api/journeys/" + id + "/narratives", alice, Map.of("fromNodeId", START_ID,
                "toNodeId", "mjc-son-house", "pathwayType", "influences", "narrative", "Slide guitar \"echoes\".")));
        record(details, id);
        command(api.put("/api/journeys/" + id + "/title", alice, Map.of("title", "Crossroads")));
        record(details, id);
        command(api.put("/api/journeys/" + id + "/graph", alice,
                "{\"graph\": {\"nodes\": [{\"id\": \"a\", \"position\": {\"x\": 1.50, \"y\": 1e2}}],"
                        + " \"edges\": [], \"big\": 12345678901234567890, \"é\": \"ünïcode\"}}"));
        record(details, id);
        command(api.post("/api/journeys/" + id + "/share", alice, null));
        record(details, id);
        command(api.post("/api/journeys/" + id + "/share/rotate", alice, null));
        record(details, id);
        command(api.delete("/api/journeys/" + id + "/tracks/cross-road-blues", alice));
        record(details, id);
        // A whole save: keeps Son House (with the extra field it has no more), drops Charley Patton, adds one.
        command(api.patch("/api/journeys/" + id, alice, Map.of("nodesVisited", List.of(
                Map.of("nodeId", "mjc-son-house", "nodeType", "artist", "nodeName", "Son House"),
                Map.of("nodeId", "mjc-muddy-waters", "nodeType", "artist", "nodeName", "Muddy Waters",
                        "description", "An extra field, kept verbatim", "rank", 3)))));
        record(details, id);
        command(api.delete("/api/journeys/" + id + "/share", alice));
        record(details, id);

        long last = details.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(details).hasSizeGreaterThanOrEqualTo(12);
        details.forEach((version, detail) -> {
            Response asOf = api.get("/api/journeys/" + id + "/as-of?version=" + version, alice);
            assertThat(asOf.status()).as("as-of version %d", version).isEqualTo(200);
            assertThat(asOf.text()).as("as-of version %d", version).isEqualTo(detail);
        });
        // Versions passed inside one command (the PATCH appended two events) exist too.
        for (long version = 0; version <= last; version++) {
            Response asOf = api.get("/api/journeys/" + id + "/as-of?version=" + version, alice);
            assertThat(asOf.status()).isEqualTo(200);
            assertThat(asOf.json().get("journey").get("version").asLong()).isEqualTo(version);
        }
        assertNotFound(api.get("/api/journeys/" + id + "/as-of?version=" + (last + 1), alice), "No such version");
    }

    @Test
    void asOfATimeIsTheJourneyAfterEveryEventStoredByThen() {
        String id = start(alice);
        visit(id, "node-1");
        visit(id, "node-2");
        visit(id, "node-3");
        List<JsonNode> events = new ArrayList<>();
        history(id, "").get("events").forEach(events::add);

        for (JsonNode event : events) {
            Instant time = Instant.parse(event.get("time").asText());
            long expected = events.stream()
                    .filter(other -> !Instant.parse(other.get("time").asText()).isAfter(time))
                    .mapToLong(other -> other.get("sequence").asLong()).max().orElseThrow();
            Response asOf = api.get("/api/journeys/" + id + "/as-of?at=" + time, alice);
            assertThat(asOf.status()).isEqualTo(200);
            assertThat(asOf.text()).isEqualTo(
                    api.get("/api/journeys/" + id + "/as-of?version=" + expected, alice).text());
        }
        Instant began = Instant.parse(events.get(0).get("time").asText());
        assertNotFound(api.get("/api/journeys/" + id + "/as-of?at=" + began.minusMillis(1), alice),
                "The journey did not exist at that time");
        Response now = api.get("/api/journeys/" + id + "/as-of?at=" + Instant.now().plusSeconds(60), alice);
        assertThat(now.text()).isEqualTo(api.get("/api/journeys/" + id, alice).text());
        Response withOffset = api.get("/api/journeys/" + id + "/as-of?at="
                + began.atOffset(java.time.ZoneOffset.ofHours(2)).toString().replace("+", "%2B"), alice);
        assertThat(withOffset.json().get("journey").get("version").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aDeletedJourneysHistoryStaysItsOwnersButItDidNotExistAfterTheDeletion() {
        String id = start(alice);
        visit(id, "node-1");
        String beforeDeletion = api.get("/api/journeys/" + id, alice).text();
        assertThat(api.delete("/api/journeys/" + id, alice).status()).isEqualTo(200);

        JsonNode history = history(id, "");

        assertThat(types(history)).containsExactly("JourneyStarted", "NodeVisited", "JourneyDeleted");
        assertThat(api.get("/api/journeys/" + id + "/as-of?version=1", alice).text()).isEqualTo(beforeDeletion);
        assertNotFound(api.get("/api/journeys/" + id + "/as-of?version=2", alice),
                "The journey did not exist at that version");
        assertNotFound(api.get("/api/journeys/" + id + "/history", bob), "Not found");
    }

    private String start(String user) {
        Response created = api.post("/api/journeys", user, JourneyRequests.create("Blues roots"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void visit(String id, String nodeId) {
        command(api.post("/api/journeys/" + id + "/visits", alice, JourneyRequests.visit(nodeId, nodeId, START_ID)));
    }

    private static void command(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** The detail route's exact body, filed under the version it reports. */
    private void record(Map<Long, String> details, String id) {
        Response detail = api.get("/api/journeys/" + id, alice);
        assertThat(detail.status()).isEqualTo(200);
        details.put(detail.json().get("journey").get("version").asLong(), detail.text());
    }

    private JsonNode history(String id, String query) {
        Response response = api.get("/api/journeys/" + id + "/history" + query, alice);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> sequences(JsonNode page) {
        List<Long> sequences = new ArrayList<>();
        page.get("events").forEach(event -> sequences.add(event.get("sequence").asLong()));
        return sequences;
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("events").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertNotFound(Response response, String error) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.json().get("error").asText()).isEqualTo(error);
    }

    private static void assertBadRequest(Response response, String error) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo(error);
    }
}
