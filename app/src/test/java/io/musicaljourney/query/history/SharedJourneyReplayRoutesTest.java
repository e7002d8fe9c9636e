package io.musicaljourney.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public replay of a shared journey: anyone with the current link sees the visits, tracks and narratives in
 * order, and nothing that names the owner, a request or the share.
 */
class SharedJourneyReplayRoutesTest extends IntegrationTest {

    private final String alice = newUser();

    @Test
    void theReplayShowsVisitsTracksAndNarrativesInOrderAndHidesTheOwnerAndTheShare() {
        String id = start();
        command(api.send("POST", "/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-son-house", "Son House", START_ID), Map.of("X-Request-Id", "req-secret")));
        command(api.post("/api/journeys/" + id + "/tracks", alice,
                JourneyRequests.track("walking-blues", "Walking Blues", "mjc-son-house")));
        command(api.put("/api/journeys/" + id + "/title", alice, Map.of("title", "Renamed while private")));
        command(api.post("/api/journeys/" + id + "/share", alice, null));
        command(api.delete("/api/journeys/" + id + "/tracks/walking-blues", alice));
        command(api.post("/api/journeys/" + id + "/narratives", alice, Map.of("fromNodeId", START_ID,
                "toNodeId", "mjc-son-house", "pathwayType", "influences", "narrative", "From teacher to pupil.")));
        String token = rotate(id);

        Response replay = api.get("/api/journeys/shared/" + token + "/history", null);

        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(replay.header("Cache-Control")).contains("no-store");
        JsonNode body = replay.json();
        assertThat(types(body)).containsExactly("NodeVisited", "TrackAdded", "TrackRemoved", "NarrativeRecorded");
        assertThat(body.get("nextCursor").isNull()).isTrue();
        JsonNode visit = body.get("steps").get(0);
        assertThat(fieldNames(visit)).containsExactlyInAnyOrder("type", "time", "payload");
        assertThat(visit.get("payload").get("node").get("name").asText()).isEqualTo("Son House");
        assertThat(body.get("steps").get(3).get("payload").get("narrative").asText())
                .isEqualTo("From teacher to pupil.");
        assertThat(replay.text()).doesNotContain(alice, token, "userId", "ownerId", "requestId", "req-secret",
                "shareToken", "Renamed while private");
    }

    @Test
    void theReplayIsPagedByCursorSkippingWhatItDoesNotShow() {
        String id = start();
        command(api.post("/api/journeys/" + id + "/share", alice, null));
        command(api.put("/api/journeys/" + id + "/title", alice, Map.of("title", "Hidden step")));
        for (int i = 1; i <= 3; i++) {
            command(api.post("/api/journeys/" + id + "/visits", alice,
                    JourneyRequests.visit("node-" + i, "Node " + i, START_ID)));
        }
        String token = api.get("/api/journeys/" + id, alice).json().get("journey").get("share_token").asText();

        JsonNode first = api.get("/api/journeys/shared/" + token + "/history?limit=2", null).json();
        JsonNode second = api.get("/api/journeys/shared/" + token + "/history?limit=2&after="
                + first.get("nextCursor").asLong(), null).json();

        assertThat(nodeIds(first)).containsExactly("node-1", "node-2");
        assertThat(first.get("nextCursor").isNull()).isFalse();
        assertThat(nodeIds(second)).containsExactly("node-3");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aRevokedRotatedAwayOrUnknownLinkIsNotFound() {
        String id = start();
        String first = share(id);
        String second = rotate(id);
        assertThat(api.get("/api/journeys/shared/" + second + "/history", null).status()).isEqualTo(200);

        JourneyHistoryRoutesTest.assertNotFound(api.get("/api/journeys/shared/" + first + "/history", null),
                "Not found");
        command(api.delete("/api/journeys/" + id + "/share", alice));
        JourneyHistoryRoutesTest.assertNotFound(api.get("/api/journeys/shared/" + second + "/history", null),
                "Not found");
        JourneyHistoryRoutesTest.assertNotFound(api.get("/api/journeys/shared/no-such-token/history", null),
                "Not found");
    }

    private String start() {
        Response created = api.post("/api/journeys", alice, JourneyRequests.create("Blues roots"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String share(String id) {
        Response shared = api.post("/api/journeys/" + id + "/share", alice, null);
        command(shared);
        return shared.json().get("shareToken").asText();
    }

    private String rotate(String id) {
        Response rotated = api.post("/api/journeys/" + id + "/share/rotate", alice, null);
        command(rotated);
        return rotated.json().get("shareToken").asText();
    }

    private static void command(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static List<String> types(JsonNode replay) {
        List<String> types = new ArrayList<>();
        replay.get("steps").forEach(step -> types.add(step.get("type").asText()));
        return types;
    }

    private static List<String> nodeIds(JsonNode replay) {
        List<String> ids = new ArrayList<>();
        replay.get("steps").forEach(step -> ids.add(step.get("payload").get("node").get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
