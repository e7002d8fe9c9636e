package io.musicaljourney.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live streams of journeys on one instance: what they carry, to whom, and across a reconnect. */
class JourneyStreamRoutesTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOwnersStreamCarriesAVisitMadeAfterConnecting() throws Exception {
        String alice = newUser();
        String id = start(alice);
        try (SseClient stream = SseClient.open(url("/api/journeys/" + id + "/stream"), alice, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");

            visit(alice, id, "mjc-son-house", "Son House");

            SseClient.Event visited = stream.next("NodeVisited", WAIT);
            JsonNode data = JSON.readTree(visited.data());
            assertThat(visited.id()).isEqualTo(data.get("version").asText());
            assertThat(Long.parseLong(visited.id())).isPositive();
            assertThat(data.get("type").asText()).isEqualTo("NodeVisited");
            assertThat(data.get("journeyId").asText()).isEqualTo(id);
            assertThat(data.get("payload").toString()).contains("mjc-son-house", "Son House");
            assertThat(data.get("occurredAt").isNull()).isFalse();
        }
    }

    @Test
    void somebodyElsesOrAnUnknownJourneyIsNotFoundAndNoBearerIsUnauthorized() {
        String alice = newUser();
        String id = start(alice);

        try (SseClient foreign = SseClient.open(url("/api/journeys/" + id + "/stream"), newUser(), null);
             SseClient unknown = SseClient.open(url("/api/journeys/" + java.util.UUID.randomUUID() + "/stream"),
                     alice, null);
             SseClient garbage = SseClient.open(url("/api/journeys/not-a-uuid/stream"), alice, null);
             SseClient anonymous = SseClient.open(url("/api/journeys/" + id + "/stream"), null, null);
             SseClient badToken = SseClient.open(url("/api/journeys/shared/no-such-token/stream"), null, null)) {
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(garbage.status()).isEqualTo(404);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(badToken.status()).isEqualTo(404);
        }
    }

    @Test
    void thePublicStreamShowsVisitsAndTracksButNothingAboutTheOwnerOrTheLinkAndEndsWhenItIsRevoked()
            throws Exception {
        String alice = newUser();
        String id = start(alice);
        String token = api.post("/api/journeys/" + id + "/share", alice, null).json().get("shareToken").asText();
        try (SseClient stream = SseClient.open(url("/api/journeys/shared/" + token + "/stream"), null, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Referrer-Policy")).isEqualTo("no-referrer");

            visit(alice, id, "mjc-son-house", "Son House");
            api.put("/api/journeys/" + id + "/title", alice, java.util.Map.of("title", "Renamed in private"));
            api.post("/api/journeys/" + id + "/tracks", alice,
                    JourneyRequests.track("trk-cross-road", "Cross Road Blues", "mjc-son-house"));
            api.post("/api/journeys/" + id + "/share/rotate", alice, null);

            List<SseClient.Event> received = new ArrayList<>();
            SseClient.Event event;
            while ((event = stream.next(WAIT)) != SseClient.END_OF_STREAM) {
                received.add(event);
            }
            assertThat(received).extracting(SseClient.Event::name)
                    .containsExactly("NodeVisited", "TrackAdded", "end");
            assertThat(received.get(2).data()).contains("share-revoked");
            for (SseClient.Event seen : received) {
                assertThat(seen.data()).doesNotContain(alice, token, "Renamed in private", "shareToken", "ownerId");
                assertThat(JSON.readTree(seen.data()).has("journeyId")).isFalse();
            }
        }
        // The old link opens no stream any more.
        try (SseClient revoked = SseClient.open(url("/api/journeys/shared/" + token + "/stream"), null, null)) {
            assertThat(revoked.status()).isEqualTo(404);
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsEverythingItMissedOnceAndThenTheLiveEvents() {
        String alice = newUser();
        String id = start(alice);
        String lastSeen;
        try (SseClient first = SseClient.open(url("/api/journeys/" + id + "/stream"), alice, null)) {
            visit(alice, id, "mjc-son-house", "Son House");
            lastSeen = first.next("NodeVisited", WAIT).id();
        }
        // While nobody listens.
        visit(alice, id, "mjc-charley-patton", "Charley Patton");
        visit(alice, id, "mjc-muddy-waters", "Muddy Waters");

        try (SseClient again = SseClient.open(url("/api/journeys/" + id + "/stream"), alice, lastSeen)) {
            List<SseClient.Event> replayed = List.of(again.next(WAIT), again.next(WAIT));
            visit(alice, id, "mjc-howlin-wolf", "Howlin' Wolf");
            SseClient.Event live = again.next(WAIT);

            long previous = Long.parseLong(lastSeen);
            for (SseClient.Event event : List.of(replayed.get(0), replayed.get(1), live)) {
                assertThat(Long.parseLong(event.id())).isEqualTo(previous + 1);
                previous = Long.parseLong(event.id());
            }
            assertThat(replayed.get(0).data()).contains("mjc-charley-patton");
            assertThat(replayed.get(1).data()).contains("mjc-muddy-waters");
            assertThat(live.data()).contains("mjc-howlin-wolf");
            assertThat(again.poll()).isNull();
        }
    }

    private String start(String user) {
        Api.Response created = api.post("/api/journeys", user, JourneyRequests.create("Live"));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Api.Response visit(String user, String id, String nodeId, String name) {
        Api.Response visited = api.post("/api/journeys/" + id + "/visits", user,
                JourneyRequests.visit(nodeId, name, JourneyRequests.START_ID));
        assertThat(visited.status()).as(visited.toString()).isBetween(200, 201);
        return visited;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
