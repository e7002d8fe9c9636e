package io.musicaljourney.journey.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Our own fine-grained command routes: one intent each, answered with the journey's new version. */
class JourneyCommandRoutesTest extends IntegrationTest {

    @Test
    void aVisitAnswersWithTheNewVersionAsBodyAndEntityTag() {
        String alice = newUser();
        String id = start(alice);

        Response visit = api.post("/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-son-house", "Son House", START_ID));

        assertThat(visit.status()).isEqualTo(200);
        assertThat(visit.json().get("journeyId").asText()).isEqualTo(id);
        assertThat(visit.json().get("version").asLong()).isEqualTo(1);
        assertThat(visit.header("ETag")).isEqualTo("\"1\"");
        Response read = api.get("/api/journeys/" + id, alice);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        JsonNode journey = read.json().get("journey");
        assertThat(journey.get("version").asLong()).isEqualTo(1);
        JsonNode node = journey.get("nodes_visited").get(0);
        assertThat(node.get("nodeId").asText()).isEqualTo("mjc-son-house");
        assertThat(node.get("parentNodeId").asText()).isEqualTo(START_ID);
        assertThat(node.get("pathwayType").asText()).isEqualTo("influences");
    }

    @Test
    void aVisitWhoseParentIsNotOnTheJourneyIsRefusedAndChangesNothing() {
        String alice = newUser();
        String id = start(alice);

        Response visit = api.post("/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-son-house", "Son House", "somewhere-else"));

        assertThat(visit.status()).isEqualTo(400);
        assertThat(visit.json().get("error").asText()).contains("parentNodeId");
        assertThat(detail(alice, id).get("nodes_visited")).isEmpty();
    }

    @Test
    void aVisitWithAnUnknownPathwayTypeIsABadRequest() {
        String alice = newUser();
        String id = start(alice);
        Map<String, Object> visit = JourneyRequests.visit("mjc-son-house", "Son House", START_ID);
        visit.put("pathwayType", "vibes");

        Response response = api.post("/api/journeys/" + id + "/visits", alice, visit);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains("pathwayType");
    }

    @Test
    void tracksAreCollectedOnceAndCanBeRemoved() {
        String alice = newUser();
        String id = start(alice);
        Map<String, Object> track = JourneyRequests.track("1hKdDCpiI9mqz1jVHRKG0E", "Cross Road Blues", START_ID);

        Response added = api.post("/api/journeys/" + id + "/tracks", alice, track);
        Response again = api.post("/api/journeys/" + id + "/tracks", alice, track);

        assertThat(added.json().get("version").asLong()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("version").asLong()).isEqualTo(1);
        JsonNode tracks = detail(alice, id).get("tracks");
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).get("trackName").asText()).isEqualTo("Cross Road Blues");
        assertThat(tracks.get(0).get("albumName").asText()).isEqualTo("King of the Delta Blues Singers");

        Response removed = api.delete("/api/journeys/" + id + "/tracks/1hKdDCpiI9mqz1jVHRKG0E", alice);

        assertThat(removed.json().get("version").asLong()).isEqualTo(2);
        assertThat(detail(alice, id).get("tracks")).isEmpty();
    }

    @Test
    void aTrackFromANodeNotOnTheJourneyIsRefused() {
        String alice = newUser();
        String id = start(alice);

        Response response = api.post("/api/journeys/" + id + "/tracks", alice,
                JourneyRequests.track("1hKdDCpiI9mqz1jVHRKG0E", "Cross Road Blues", "not-visited"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).contains("fromNodeId");
    }

    @Test
    void aNarrativeBetweenTwoNodesOfTheJourneyIsRecorded() {
        String alice = newUser();
        String id = start(alice);
        api.post("/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-son-house", "Son House", START_ID));

        Response response = api.post("/api/journeys/" + id + "/narratives", alice, Map.of(
                "fromNodeId", START_ID, "toNodeId", "mjc-son-house", "pathwayType", "influences",
                "narrative", "Son House's slide guitar echoes in every Robert Johnson record."));

        assertThat(response.status()).isEqualTo(200);
        JsonNode narrative = detail(alice, id).get("narratives").get(0);
        assertThat(narrative.get("fromNodeId").asText()).isEqualTo(START_ID);
        assertThat(narrative.get("toNodeId").asText()).isEqualTo("mjc-son-house");
        assertThat(narrative.get("pathwayType").asText()).isEqualTo("influences");
        assertThat(narrative.get("narrative").asText()).startsWith("Son House");
        assertThat(narrative.get("id").asText()).hasSize(36);
        assertThat(narrative.hasNonNull("generatedAt")).isTrue();
    }

    @Test
    void titleAndGraphHaveRoutesOfTheirOwn() {
        String alice = newUser();
        String id = start(alice);

        api.put("/api/journeys/" + id + "/title", alice, Map.of("title", "Crossroads"));
        api.put("/api/journeys/" + id + "/graph", alice, Map.of("graph", Map.of("nodes", java.util.List.of())));

        JsonNode journey = detail(alice, id);
        assertThat(journey.get("title").asText()).isEqualTo("Crossroads");
        assertThat(journey.get("graph").has("nodes")).isTrue();
        assertThat(journey.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void sharingRotatingAndRevokingTheLink() {
        String alice = newUser();
        String id = start(alice);

        Response shared = api.post("/api/journeys/" + id + "/share", alice, null);
        String token = shared.json().get("shareToken").asText();
        Response sharedAgain = api.post("/api/journeys/" + id + "/share", alice, null);
        Response rotated = api.post("/api/journeys/" + id + "/share/rotate", alice, null);
        String newToken = rotated.json().get("shareToken").asText();

        assertThat(sharedAgain.json().get("shareToken").asText()).isEqualTo(token);
        assertThat(newToken).isNotEqualTo(token);
        assertThat(api.get("/api/journeys/shared/" + token, null).status()).isEqualTo(404);
        assertThat(api.get("/api/journeys/shared/" + newToken, null).status()).isEqualTo(200);

        Response revoked = api.delete("/api/journeys/" + id + "/share", alice);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("shareToken").isNull()).isTrue();
        assertThat(api.get("/api/journeys/shared/" + newToken, null).status()).isEqualTo(404);
        assertThat(api.post("/api/journeys/" + id + "/share/rotate", alice, null).status()).isEqualTo(409);
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        String alice = newUser();
        String id = start(alice);
        api.put("/api/journeys/" + id + "/title", alice, Map.of("title", "Version one"));

        Response stale = api.send("PUT", "/api/journeys/" + id + "/title", alice, Map.of("title", "Lost update"),
                Map.of("If-Match", "\"0\""));
        Response current = api.send("PUT", "/api/journeys/" + id + "/title", alice, Map.of("title", "Version two"),
                Map.of("If-Match", "\"1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("error").asText())
                .isEqualTo("The journey changed since version 0; it is now at version 1");
        assertThat(current.status()).isEqualTo(200);
        assertThat(detail(alice, id).get("title").asText()).isEqualTo("Version two");
        assertThat(api.send("PUT", "/api/journeys/" + id + "/title", alice, Map.of("title", "x"),
                Map.of("If-Match", "banana")).status()).isEqualTo(400);
    }

    @Test
    void theCallersJourneysCanBeFoundByStartingPointAndByVisitedNode() {
        String alice = newUser();
        String id = start(alice);
        api.post("/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-son-house", "Son House", START_ID));
        start(newUser());

        JsonNode byStart = api.get("/api/journeys?startingNodeId=" + START_ID, alice).json().get("journeys");
        JsonNode byVisit = api.get("/api/journeys/visited?nodeId=mjc-son-house", alice).json().get("journeys");
        JsonNode none = api.get("/api/journeys/visited?nodeId=mjc-nobody", alice).json().get("journeys");

        assertThat(byStart).hasSize(1);
        assertThat(byStart.get(0).get("node_count").asInt()).isEqualTo(1);
        assertThat(byVisit).hasSize(1);
        assertThat(byVisit.get(0).get("id").asText()).isEqualTo(id);
        assertThat(none).isEmpty();
    }

    @Test
    void publicDiscoveryListsSharedJourneysWithoutTheirOwners() {
        String alice = newUser();
        String id = start(alice);
        api.post("/api/journeys/" + id + "/share", alice, null);

        Response page = api.get("/api/journeys/public?limit=100", newUser());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).doesNotContain(alice);
        assertThat(page.json().get("journeys").findValuesAsText("id")).contains(id);
    }

    private String start(String user) {
        return api.post("/api/journeys", user, JourneyRequests.create("Fine-grained")).json().get("id").asText();
    }

    private JsonNode detail(String user, String id) {
        return api.get("/api/journeys/" + id, user).json().get("journey");
    }
}
