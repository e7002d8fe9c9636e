package io.musicaljourney.journey.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes the existing React frontend calls, with the statuses and bodies it relies on. */
class FrontendJourneyRoutesTest extends IntegrationTest {

    @Test
    void aCreatedJourneyIsReadableRightAfterTheCreateAnswers() {
        String alice = newUser();

        Response created = api.post("/api/journeys", alice, JourneyRequests.create("Blues roots"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("shareToken").isNull()).isTrue();
        String id = created.json().get("id").asText();
        Response detail = api.get("/api/journeys/" + id, alice);
        assertThat(detail.status()).isEqualTo(200);
        JsonNode journey = detail.json().get("journey");
        assertThat(journey.get("id").asText()).isEqualTo(id);
        assertThat(journey.get("user_id").asText()).isEqualTo(alice);
        assertThat(journey.get("title").asText()).isEqualTo("Blues roots");
        assertThat(journey.get("starting_node_type").asText()).isEqualTo("artist");
        assertThat(journey.get("starting_node_id").asText()).isEqualTo(JourneyRequests.START_ID);
        assertThat(journey.get("starting_node_name").asText()).isEqualTo("Robert Johnson");
        assertThat(journey.get("nodes_visited").isArray()).isTrue();
        assertThat(journey.get("tracks").isArray()).isTrue();
        assertThat(journey.get("graph").isObject()).isTrue();
        assertThat(journey.get("is_public").asBoolean()).isFalse();
        assertThat(journey.get("share_token").isNull()).isTrue();
        assertThat(journey.hasNonNull("created_at")).isTrue();
        assertThat(journey.hasNonNull("updated_at")).isTrue();
    }

    @Test
    void aPublicCreateAnswersWithTheTokenOfItsSharedLink() {
        String alice = newUser();
        Map<String, Object> request = JourneyRequests.create("Shared from the start");
        request.put("isPublic", true);

        Response created = api.post("/api/journeys", alice, request);

        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("shareToken").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{24}");
        Response shared = api.get("/api/journeys/shared/" + token, null);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.json().get("journey").get("title").asText()).isEqualTo("Shared from the start");
    }

    @Test
    void creatingWithoutTheStartingNodeIsABadRequestWithTheContractsMessage() {
        Response response = api.post("/api/journeys", newUser(), Map.of("title", "no start"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("error").asText())
                .isEqualTo("startingNodeType, startingNodeId, startingNodeName are required");
    }

    @Test
    void everyJourneyRouteWithoutABearerTokenIsUnauthorized() {
        for (Response response : List.of(
                api.get("/api/journeys", null),
                api.post("/api/journeys", null, JourneyRequests.create("x")),
                api.get("/api/journeys/" + java.util.UUID.randomUUID(), null),
                api.send("GET", "/api/journeys", null, null, Map.of("Authorization", "Basic abc")))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("error").asText()).isEqualTo("Unauthorized - No token provided");
        }
    }

    @Test
    void anotherUsersJourneyIsNotFoundAndStaysUnchanged() {
        String alice = newUser();
        String mallory = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Mine")).json().get("id").asText();
        String unknown = java.util.UUID.randomUUID().toString();

        List<Response> foreign = List.of(
                api.get("/api/journeys/" + id, mallory),
                api.send("PATCH", "/api/journeys/" + id, mallory, Map.of("title", "Stolen"),
                        Map.of("If-Match", "\"99\"")),
                api.send("DELETE", "/api/journeys/" + id, mallory, null, Map.of("If-Match", "\"0\"")),
                api.patch("/api/journeys/" + id, mallory, Map.of("title", "Stolen")),
                api.put("/api/journeys/" + id, mallory, Map.of("title", "Stolen")),
                api.delete("/api/journeys/" + id, mallory));
        Response missing = api.get("/api/journeys/" + unknown, alice);

        for (Response response : foreign) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("error").asText()).isEqualTo("Not found");
            assertThat(response.json().get("detail")).isEqualTo(missing.json().get("detail"));
        }
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.get("/api/journeys/" + id, alice).json().get("journey").get("title").asText())
                .isEqualTo("Mine");
        assertThat(api.get("/api/journeys/not-a-uuid", alice).status()).isEqualTo(404);
    }

    @Test
    void aMethodARouteDoesNotTakeIsMethodNotAllowed() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("x")).json().get("id").asText();

        Response response = api.post("/api/journeys/" + id, alice, Map.of());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.json().get("error").asText()).isEqualTo("Method not allowed");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Response response = api.post("/api/journeys", newUser(), "{\"title\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isNotBlank();
    }

    @Test
    void theListShowsTheCallersJourneysMostRecentlyChangedFirst() {
        String alice = newUser();
        String first = api.post("/api/journeys", alice, JourneyRequests.create("First")).json().get("id").asText();
        String second = api.post("/api/journeys", alice, JourneyRequests.create("Second")).json().get("id").asText();
        api.post("/api/journeys", newUser(), JourneyRequests.create("Someone else's"));
        api.patch("/api/journeys/" + first, alice, Map.of("title", "First, renamed"));

        JsonNode journeys = api.get("/api/journeys?limit=25&offset=0", alice).json().get("journeys");

        assertThat(journeys).hasSize(2);
        assertThat(journeys.get(0).get("id").asText()).isEqualTo(first);
        assertThat(journeys.get(0).get("title").asText()).isEqualTo("First, renamed");
        assertThat(journeys.get(1).get("id").asText()).isEqualTo(second);
        for (String column : List.of("id", "title", "starting_node_type", "starting_node_name", "created_at",
                "updated_at", "is_public", "share_token", "node_count", "track_count")) {
            assertThat(journeys.get(0).has(column)).as(column).isTrue();
        }
        assertThat(journeys.get(0).has("user_id")).isFalse();
    }

    @Test
    void savingTheWholeJourneyBecomesIntentEventsAndKeepsTheClientsExtraFields() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Delta")).json().get("id").asText();
        Map<String, Object> save = Map.of(
                "nodesVisited", List.of(
                        Map.of("nodeType", "artist", "nodeId", "son-house", "nodeName", "Son House",
                                "description", "Delta blues pioneer. Taught Robert Johnson.",
                                "representativeTrackTitles", List.of("Death Letter"),
                                "pathwayType", "influences"),
                        Map.of("nodeType", "genre", "nodeId", "delta-blues", "nodeName", "Delta Blues",
                                "pathwayType", "genre_connections")),
                "tracks", List.of(Map.of("uri", "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "name", "Death Letter",
                        "artistName", "Son House")),
                "graph", Map.of("nodes", List.of(Map.of("id", "n1")), "edges", List.of()),
                "isPublic", true);

        Response saved = api.patch("/api/journeys/" + id, alice, save);

        assertThat(saved.status()).isEqualTo(200);
        JsonNode answer = saved.json().get("journey");
        assertThat(answer.get("id").asText()).isEqualTo(id);
        assertThat(answer.get("is_public").asBoolean()).isTrue();
        assertThat(answer.get("share_token").asText()).isNotBlank();
        assertThat(answer.hasNonNull("updated_at")).isTrue();
        assertThat(eventTypesOf(id)).containsExactly("JourneyStartedEvent", "NodeVisitedEvent",
                "NodeVisitedEvent", "TrackAddedEvent", "JourneyGraphSavedEvent", "JourneySharedEvent");

        JsonNode journey = api.get("/api/journeys/" + id, alice).json().get("journey");
        assertThat(journey.get("updated_at").asText()).isEqualTo(answer.get("updated_at").asText());
        JsonNode sonHouse = journey.get("nodes_visited").get(0);
        assertThat(sonHouse.get("nodeId").asText()).isEqualTo("son-house");
        assertThat(sonHouse.get("pathwayType").asText()).isEqualTo("influences");
        assertThat(sonHouse.get("description").asText()).isEqualTo("Delta blues pioneer. Taught Robert Johnson.");
        assertThat(sonHouse.get("representativeTrackTitles").get(0).asText()).isEqualTo("Death Letter");
        assertThat(journey.get("nodes_visited").get(1).get("pathwayType").asText()).isEqualTo("genre");
        JsonNode track = journey.get("tracks").get(0);
        assertThat(track.get("trackId").asText()).isEqualTo("4uLU6hMCjMI75M1A2tKUQC");
        assertThat(track.get("trackName").asText()).isEqualTo("Death Letter");
        assertThat(track.get("fromNodeId").asText()).isEqualTo(JourneyRequests.START_ID);
        assertThat(journey.get("graph").get("nodes").get(0).get("id").asText()).isEqualTo("n1");

        Response again = api.patch("/api/journeys/" + id, alice, save);
        assertThat(again.status()).isEqualTo(200);
        assertThat(eventTypesOf(id)).hasSize(6);

        Response withoutTrack = api.patch("/api/journeys/" + id, alice,
                Map.of("tracks", List.of(), "isPublic", false));
        assertThat(withoutTrack.json().get("journey").get("share_token").isNull()).isTrue();
        assertThat(eventTypesOf(id)).endsWith("TrackRemovedEvent", "JourneyUnsharedEvent");
        assertThat(api.get("/api/journeys/shared/" + answer.get("share_token").asText(), null).status())
                .isEqualTo(404);
    }

    @Test
    void theSharedViewNeedsNoLoginAndRevealsNothingAboutTheOwner() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Public one")).json().get("id").asText();
        String token = api.patch("/api/journeys/" + id, alice, Map.of("isPublic", true))
                .json().get("journey").get("share_token").asText();

        Response shared = api.get("/api/journeys/shared/" + token, null);

        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.header("Referrer-Policy")).isEqualTo("no-referrer");
        JsonNode journey = shared.json().get("journey");
        assertThat(journey.get("id").asText()).isEqualTo(id);
        assertThat(journey.has("user_id")).isFalse();
        assertThat(journey.has("share_token")).isFalse();
        assertThat(journey.has("is_public")).isFalse();
        assertThat(shared.text()).doesNotContain(alice).doesNotContain(token);
        assertThat(api.get("/api/journeys/shared/" + token + "x", null).status()).isEqualTo(404);
    }

    @Test
    void rotatingTheLinkMakesTheOldOneNotFoundAtOnce() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Rotate me")).json().get("id").asText();
        String first = api.patch("/api/journeys/" + id, alice, Map.of("isPublic", true))
                .json().get("journey").get("share_token").asText();

        String second = api.patch("/api/journeys/" + id, alice, Map.of("rotateShareToken", true))
                .json().get("journey").get("share_token").asText();

        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("/api/journeys/shared/" + first, null).status()).isEqualTo(404);
        assertThat(api.get("/api/journeys/shared/" + second, null).status()).isEqualTo(200);
    }

    @Test
    void deletingAJourneyRemovesItAndASecondDeleteIsNotFound() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Short-lived")).json().get("id").asText();

        Response deleted = api.delete("/api/journeys/" + id, alice);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("ok").asBoolean()).isTrue();
        assertThat(api.get("/api/journeys/" + id, alice).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journeys WHERE id = ?::uuid", Integer.class, id))
                .isZero();
        assertThat(api.delete("/api/journeys/" + id, alice).status()).isEqualTo(404);
    }

    @Test
    void everyEventCarriesTheActingUserAndTheRequestId() {
        String alice = newUser();
        Response created = api.send("POST", "/api/journeys", alice, JourneyRequests.create("Audited"),
                Map.of("X-Request-Id", "req-12345"));
        String id = created.json().get("id").asText();

        assertThat(created.header("X-Request-Id")).isEqualTo("req-12345");
        String metadata = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id);
        // The user id is personal data: stored encrypted with the user's key, shown to readers decrypted.
        assertThat(metadata).contains("\"userId\":\"pd1:").doesNotContain(alice)
                .contains("\"requestId\":\"req-12345\"").contains("correlationId");
        assertThat(api.get("/api/journeys/" + id + "/history", alice).json().get("events").get(0).get("actingUser")
                .asText()).isEqualTo(alice);
    }

    private List<String> eventTypesOf(String journeyId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number", String.class, journeyId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }
}
