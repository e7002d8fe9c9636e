package io.musicaljourney.spotify;

import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SpotifyResilienceTest extends SpotifyProxyTest {

    @Test
    void aRateLimitWithRetryAfterOneSecondIsWaitedOutAndRetriedOnce() {
        String id = newSpotifyId();
        spotify.script("GET", "/v1/tracks/" + id, FakeSpotify.error(429, "API rate limit exceeded")
                .setHeader("Retry-After", "1"));

        long started = System.nanoTime();
        var response = api.get("/api/spotify/tracks/" + id, FakeSpotify.tokenOf(newUser()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("id").asText()).isEqualTo(id);
        assertThat(spotify.requests("GET", "/v1/tracks/" + id)).hasSize(2);
        assertThat(took).as("Spotify's Retry-After was honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aServerErrorThenSuccessAnswersTheSuccess() {
        String q = "flaky " + UUID.randomUUID();
        spotify.script("GET", "/v1/search", FakeSpotify.error(502, "Bad gateway"),
                FakeSpotify.error(500, "Server error"));

        var response = api.get("/api/spotify/search?q=" + q.replace(" ", "%20") + "&type=track",
                FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("tracks").path("items").path(0).path("name").asText()).startsWith(q);
        assertThat(spotify.requests("GET", "/v1/search").stream()
                .filter(request -> q.equals(request.getRequestUrl().queryParameter("q")))).hasSize(3);
    }

    @Test
    void serverErrorsBeyondTwoRetriesPassThroughAndAreNotCached() {
        String id = newSpotifyId();
        spotify.script("GET", "/v1/artists/" + id, FakeSpotify.error(500, "Server error"),
                FakeSpotify.error(500, "Server error"), FakeSpotify.error(503, "Service unavailable"));

        var failed = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));
        var later = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().path("error").asText()).isEqualTo("Service unavailable");
        assertThat(later.status()).isEqualTo(200);
        assertThat(spotify.requests("GET", "/v1/artists/" + id)).as("3 attempts, then 1 for the later request")
                .hasSize(4);
    }

    @Test
    void aSearchOutageSpotifyAsksUsToWaitOutLongPassesThroughWithItsRetryAfter() {
        String q = "outage " + UUID.randomUUID();
        String body = "{\"error\":{\"status\":503,\"message\":\"Service unavailable\"}}";
        spotify.script("GET", "/v1/search", FakeSpotify.json(503, body).setHeader("Retry-After", "120"));

        var response = api.get("/api/spotify/search?q=" + q.replace(" ", "%20"), FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text()).isEqualTo(body);
        assertThat(response.header("Retry-After")).isEqualTo("120");
        assertThat(spotify.requests("GET", "/v1/search").stream()
                .filter(request -> q.equals(request.getRequestUrl().queryParameter("q")))).hasSize(1);
    }

    @Test
    void junkFromSpotifyIsABadGatewayAndIsNeitherRetriedNorCached() {
        String id = newSpotifyId();
        spotify.script("GET", "/v1/artists/" + id, new MockResponse().setResponseCode(200)
                .setHeader("Content-Type", "application/json").setBody("<html><body>upstream hiccup</body>"));

        var junk = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));
        var later = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));

        assertThat(junk.status()).isEqualTo(502);
        assertThat(junk.json().path("error").asText()).isEqualTo("Spotify sent an unreadable response");
        assertThat(later.status()).isEqualTo(200);
        assertThat(spotify.requests("GET", "/v1/artists/" + id)).hasSize(2);
    }

    @Test
    void truncatedJsonInASearchIsABadGatewayNotPassedOn() {
        String q = "truncated " + UUID.randomUUID();
        spotify.script("GET", "/v1/search", FakeSpotify.json(200, "{\"tracks\":{\"items\":[{\"name\":"));

        var response = api.get("/api/spotify/search?q=" + q.replace(" ", "%20"), FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().path("error").asText()).isEqualTo("Spotify sent an unreadable response");
    }

    @Test
    void aRateLimitLongerThanWeMayWaitIsAnswered503WithSpotifysRetryAfterWithoutRetrying() {
        String id = newSpotifyId();
        spotify.script("GET", "/v1/tracks/" + id, FakeSpotify.error(429, "API rate limit exceeded")
                .setHeader("Retry-After", "30"));

        var response = api.get("/api/spotify/tracks/" + id, FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("30");
        assertThat(response.json().path("error").asText()).contains("rate limiting");
        assertThat(spotify.requests("GET", "/v1/tracks/" + id)).hasSize(1);
    }

    @Test
    void aRateLimitThatOutlastsTheRetriesIsAnswered503WithRetryAfter() {
        String id = newSpotifyId();
        MockResponse limited = FakeSpotify.error(429, "API rate limit exceeded").setHeader("Retry-After", "1");
        spotify.script("GET", "/v1/tracks/" + id, limited, limited, limited);

        var response = api.get("/api/spotify/tracks/" + id, FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(spotify.requests("GET", "/v1/tracks/" + id)).as("the call and two retries").hasSize(3);
    }

    @Test
    void aPlaylistCreationIsNotRepeatedAfterAServerErrorThatMayHaveCreatedIt() {
        String user = newUser();
        spotify.script("POST", "/v1/users/" + user + "/playlists", FakeSpotify.error(500, "Server error"));

        var response = api.post("/api/spotify/create-playlist", FakeSpotify.tokenOf(user),
                Map.of("title", "Once only", "trackUris", List.of("spotify:track:" + newSpotifyId())));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("error").asText()).isEqualTo("Server error");
        assertThat(spotify.requests("POST", "/v1/users/" + user + "/playlists")).hasSize(1);
    }

    @Test
    void whileTheCircuitIsOpenSpotifyIsNotCalledAndCallersAreToldWhenToComeBack() {
        String id = newSpotifyId();
        circuitBreakers.circuitBreaker("spotify").transitionToOpenState();

        var response = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("30");
        assertThat(response.json().path("error").asText()).contains("Spotify is failing");
        assertThat(spotify.requests("GET", "/v1/artists/" + id)).isEmpty();
    }

    @Test
    void repeatedOutagesOpenTheCircuit() {
        // Each request is three failed calls (the call and two retries); the breaker looks at the last 20 calls
        // once 10 were made, and opens at 50 % failures.
        for (int request = 0; request < 4; request++) {
            String id = newSpotifyId();
            spotify.script("GET", "/v1/artists/" + id, FakeSpotify.error(500, "Server error"),
                    FakeSpotify.error(500, "Server error"), FakeSpotify.error(500, "Server error"));
            api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));
        }
        String id = newSpotifyId();

        var response = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(spotify.requests("GET", "/v1/artists/" + id)).isEmpty();
    }
}
