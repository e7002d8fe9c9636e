package io.musicaljourney.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody sees or changes what is not theirs, and nothing tells them whether it exists: another user's journey is
 * answered exactly like one that does not exist, on every journey route; a share link that is not the current
 * one is a 404 whatever it looks like; links never reach the logs; one user's rate limit is nobody else's.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationSweepTest extends IntegrationTest {

    @Test
    void everyJourneyRouteAnswersAnotherUsersJourneyExactlyLikeAnUnknownOneAndChangesNothing() {
        String alice = newUser();
        String bob = newUser();
        String id = richJourney(alice);
        String unknown = UUID.randomUUID().toString();
        DatabaseFingerprint database = new DatabaseFingerprint(jdbc);
        String before = database.settled();

        List<String> swept = new ArrayList<>();
        for (Route route : journeyRoutes()) {
            for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("If-Match", "\"0\""),
                    Map.of("If-Match", "\"4\""))) {
                Response theirs = api.send(route.method(), route.path(id), bob, route.body(), headers);
                Response nobodys = api.send(route.method(), route.path(unknown), bob, route.body(), headers);

                String what = route.method() + " " + route.template() + " " + headers;
                assertThat(theirs.status()).as(what + ": " + theirs).isEqualTo(404);
                assertThat(nobodys.status()).as(what + ": " + nobodys).isEqualTo(404);
                assertThat(withoutInstance(theirs)).as(what).isEqualTo(withoutInstance(nobodys));
                assertThat(theirs.json().get("error").asText()).as(what).isEqualTo("Not found");
                assertThat(theirs.header("Content-Type")).isEqualTo(nobodys.header("Content-Type"));
                assertThat(theirs.header("ETag")).isNull();
                swept.add(what);
            }
        }

        for (String list : List.of("/api/journeys", "/api/journeys?startingNodeId=" + START_ID,
                "/api/journeys/visited?nodeId=mjc-son-house")) {
            Response bobs = api.get(list, bob);
            assertThat(bobs.status()).as(list).isEqualTo(200);
            assertThat(bobs.json().get("journeys")).as(list).isEmpty();
        }
        assertThat(api.get("/api/journeys/public?limit=100", bob).text()).doesNotContain(alice);

        assertThat(database.take()).isEqualTo(before);
        assertThat(api.get("/api/journeys/" + id, alice).json().get("journey").get("version").asLong())
                .isEqualTo(4);
        System.out.printf("Authorization sweep: %d route and header combinations, 0 revealing%n", swept.size());
    }

    @Test
    void aShareLinkThatIsNotTheCurrentOneIsANotFoundWhateverItLooksLike(CapturedOutput output) {
        String alice = newUser();
        String id = richJourney(alice);
        String current = api.post("/api/journeys/" + id + "/share", alice, null).json().get("shareToken").asText();
        String revokedJourney = richJourney(alice);
        String revoked = api.post("/api/journeys/" + revokedJourney + "/share", alice, null)
                .json().get("shareToken").asText();
        api.delete("/api/journeys/" + revokedJourney + "/share", alice);
        String rotatedAway = current;
        current = api.post("/api/journeys/" + id + "/share/rotate", alice, null).json().get("shareToken").asText();

        Map<String, String> wrong = new HashMap<>();
        wrong.put("unknown", "AAAAAAAAAAAAAAAAAAAAAAAA");
        wrong.put("revoked", revoked);
        wrong.put("rotated away", rotatedAway);
        wrong.put("one character off", oneOff(current));
        wrong.put("different case", swapCase(current));
        wrong.put("padded with =", current + "=");
        wrong.put("padded with a space", current + "%20");
        wrong.put("with a leading space", "%20" + current);
        wrong.put("truncated", current.substring(0, current.length() - 1));

        Response reference = api.get("/api/journeys/shared/AAAAAAAAAAAAAAAAAAAAAAAA", null);
        for (Map.Entry<String, String> token : wrong.entrySet()) {
            for (String suffix : List.of("", "/history", "/stream")) {
                Response response = api.get("/api/journeys/shared/" + token.getValue() + suffix, null);
                assertThat(response.status()).as(token.getKey() + suffix + ": " + response).isEqualTo(404);
                assertThat(withoutInstance(response)).as(token.getKey() + suffix)
                        .isEqualTo(withoutInstance(reference));
            }
        }

        Response shared = api.get("/api/journeys/shared/" + current, null);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(shared.header("Cache-Control")).contains("no-store");
        assertThat(shared.text()).doesNotContain(current).doesNotContain(alice);
        Response replay = api.get("/api/journeys/shared/" + current + "/history", null);
        assertThat(replay.header("Referrer-Policy")).isEqualTo("no-referrer");

        for (String token : List.of(current, revoked, rotatedAway)) {
            assertThat(output.getAll()).as("the logs").doesNotContain(token);
        }
        System.out.printf("Share tokens: %d wrong tokens x 3 routes, all 404 with one body%n", wrong.size());
    }

    @Test
    void theRateLimitOfOneUserNeverThrottlesAnother() {
        String greedy = newUser();
        String patient = newUser();
        Map<String, Object> body = Map.of("nodeType", "artist", "nodeId", START_ID, "nodeName", "Robert Johnson");

        int allowed = 0;
        Response last = null;
        for (int i = 0; i < 31; i++) {
            last = api.post("/api/ai/generate-pathways", greedy, body);
            if (last.status() == 200) {
                allowed++;
            }
        }
        Response others = api.post("/api/ai/generate-pathways", patient, body);
        Response othersRead = api.get("/api/pathways/artist/" + START_ID, patient);

        assertThat(allowed).isEqualTo(30);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().get("error").asText()).isEqualTo("Rate limit exceeded");
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(others.status()).isEqualTo(200);
        assertThat(others.header("X-RateLimit-Remaining")).isEqualTo("29");
        assertThat(othersRead.status()).isEqualTo(200);
        assertThat(othersRead.header("X-RateLimit-Remaining")).isEqualTo("28");
    }

    /** Four events after the start: a visit, a track, a narrative and a shared link. */
    private String richJourney(String owner) {
        String id = api.post("/api/journeys", owner, JourneyRequests.create("Private")).json().get("id").asText();
        api.post("/api/journeys/" + id + "/visits", owner,
                JourneyRequests.visit("mjc-son-house", "Son House", START_ID));
        api.post("/api/journeys/" + id + "/tracks", owner,
                JourneyRequests.track("1hKdDCpiI9mqz1jVHRKG0E", "Cross Road Blues", START_ID));
        api.post("/api/journeys/" + id + "/narratives", owner, Map.of("fromNodeId", START_ID,
                "toNodeId", "mjc-son-house", "pathwayType", "influences", "narrative", "A story."));
        api.post("/api/journeys/" + id + "/share", owner, null);
        return id;
    }

    private static List<Route> journeyRoutes() {
        Map<String, Object> narrative = Map.of("fromNodeId", START_ID, "toNodeId", "mjc-son-house",
                "pathwayType", "influences", "narrative", "Mine now.");
        Map<String, Object> generated = Map.of("fromNodeId", START_ID, "toNodeId", "mjc-son-house",
                "pathwayType", "influences");
        return List.of(
                new Route("GET", "/api/journeys/{id}", null),
                new Route("PATCH", "/api/journeys/{id}", Map.of("title", "Stolen", "isPublic", true)),
                new Route("PUT", "/api/journeys/{id}", Map.of("title", "Stolen")),
                new Route("DELETE", "/api/journeys/{id}", null),
                new Route("POST", "/api/journeys/{id}/visits",
                        JourneyRequests.visit("mjc-muddy-waters", "Muddy Waters", START_ID)),
                new Route("POST", "/api/journeys/{id}/tracks",
                        JourneyRequests.track("3ZE3wv8V3w2T2f7nOCjP0N", "Walking Blues", START_ID)),
                new Route("DELETE", "/api/journeys/{id}/tracks/1hKdDCpiI9mqz1jVHRKG0E", null),
                new Route("POST", "/api/journeys/{id}/narratives", narrative),
                new Route("POST", "/api/journeys/{id}/narratives", generated),
                new Route("PUT", "/api/journeys/{id}/title", Map.of("title", "Stolen")),
                new Route("PUT", "/api/journeys/{id}/graph", Map.of("graph", Map.of("nodes", List.of()))),
                new Route("POST", "/api/journeys/{id}/share", null),
                new Route("POST", "/api/journeys/{id}/share/rotate", null),
                new Route("DELETE", "/api/journeys/{id}/share", null),
                new Route("GET", "/api/journeys/{id}/history", null),
                new Route("GET", "/api/journeys/{id}/history?after=0&limit=10", null),
                new Route("GET", "/api/journeys/{id}/as-of?version=0", null),
                new Route("GET", "/api/journeys/{id}/as-of?at=2030-01-01T00:00:00Z", null),
                new Route("GET", "/api/journeys/{id}/stream", null),
                new Route("GET", "/api/journeys/{id}/audit", null),
                new Route("GET", "/api/journeys/{id}/audit/verify", null));
    }

    private static JsonNode withoutInstance(Response response) {
        JsonNode body = response.json();
        if (body instanceof ObjectNode object) {
            object.remove("instance");
        }
        return body;
    }

    private static String oneOff(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String swapCase(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return lower.equals(token) ? token.toUpperCase(Locale.ROOT) : lower;
    }

    private record Route(String method, String template, Object body) {

        String path(String id) {
            return template.replace("{id}", id);
        }
    }
}
