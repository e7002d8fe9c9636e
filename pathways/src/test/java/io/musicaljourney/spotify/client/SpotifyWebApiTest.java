package io.musicaljourney.spotify.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a MockWebServer answering as Spotify does, with the retry and breaker it runs with. */
class SpotifyWebApiTest {

    private static final String ID = "3ZE3wv8V3w2T2f7nOCjP0N";

    private final MockWebServer spotify = new MockWebServer();
    private SpotifyWebApi api;
    private CircuitBreaker circuitBreaker;

    @BeforeEach
    void start() throws IOException {
        spotify.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(Duration.ofMillis(500));
        RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + spotify.getPort())
                .requestFactory(requests).build();
        circuitBreaker = CircuitBreaker.of("spotify", SpotifyWebApi.circuitBreakerConfig(
                new SpotifyProperties.CircuitBreaker(50, 10, 4, Duration.ofSeconds(30))));
        Retry retry = Retry.of("spotify", SpotifyWebApi.retryConfig(
                new SpotifyProperties.Retry(3, Duration.ofSeconds(2), Duration.ofMillis(20))));
        api = new SpotifyWebApi(client, new ObjectMapper(), retry, circuitBreaker);
    }

    @AfterEach
    void stop() throws IOException {
        spotify.shutdown();
    }

    @Test
    void everyCallCarriesTheAccessTokenItWasGiven() throws InterruptedException {
        spotify.enqueue(json(200, "{\"id\":\"" + ID + "\"}"));
        spotify.enqueue(json(200, "{\"id\":\"" + ID + "\"}"));

        api.track("alice-token", ID);
        api.artist("bob-token", ID);

        RecordedRequest first = spotify.takeRequest();
        RecordedRequest second = spotify.takeRequest();
        assertThat(first.getPath()).isEqualTo("/v1/tracks/" + ID);
        assertThat(first.getHeader("Authorization")).isEqualTo("Bearer alice-token");
        assertThat(second.getPath()).isEqualTo("/v1/artists/" + ID);
        assertThat(second.getHeader("Authorization")).isEqualTo("Bearer bob-token");
    }

    @Test
    void searchParametersArriveIntactWhateverCharactersTheyHold() throws InterruptedException {
        spotify.enqueue(json(200, "{\"tracks\":{\"items\":[]}}"));
        String q = "Rock & Roll + more artist:Velvet Underground #1 100%";

        api.search("token", Map.of("q", q, "type", "track,artist"));

        RecordedRequest sent = spotify.takeRequest();
        assertThat(sent.getRequestUrl().queryParameter("q")).isEqualTo(q);
        assertThat(sent.getRequestUrl().queryParameter("type")).isEqualTo("track,artist");
        assertThat(sent.getRequestUrl().querySize()).isEqualTo(2);
    }

    @Test
    void aRateLimitIsRetriedAfterTheRetryAfterSpotifyNames() {
        spotify.enqueue(json(429, "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}")
                .setHeader("Retry-After", "1"));
        spotify.enqueue(json(200, "{\"id\":\"" + ID + "\"}"));

        long started = System.nanoTime();
        var track = api.track("token", ID);

        assertThat(track.path("id").asText()).isEqualTo(ID);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(spotify.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRetryAfterBeyondTheCapEndsTheAttemptsAtOnce() {
        spotify.enqueue(json(429, "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}")
                .setHeader("Retry-After", "120"));

        assertThatThrownBy(() -> api.track("token", ID))
                .isInstanceOfSatisfying(SpotifyUnavailableException.class,
                        unavailable -> assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        assertThat(spotify.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedTwiceAtMostThenCarrySpotifysStatusAndMessage() {
        for (int i = 0; i < 3; i++) {
            spotify.enqueue(json(502, "{\"error\":{\"status\":502,\"message\":\"Bad gateway.\"}}"));
        }

        assertThatThrownBy(() -> api.artist("token", ID))
                .isInstanceOfSatisfying(SpotifyApiException.class, refused -> {
                    assertThat(refused.status().value()).isEqualTo(502);
                    assertThat(refused.getMessage()).isEqualTo("Bad gateway.");
                    assertThat(refused.details().path("error").path("status").asInt()).isEqualTo(502);
                });
        assertThat(spotify.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aUsersOwnErrorIsNeverRetried() {
        spotify.enqueue(json(401, "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}"));

        assertThatThrownBy(() -> api.track("expired", ID))
                .isInstanceOfSatisfying(SpotifyApiException.class, refused -> {
                    assertThat(refused.status().value()).isEqualTo(401);
                    assertThat(refused.getMessage()).isEqualTo("The access token expired");
                });
        assertThat(spotify.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anErrorPageThatIsNotJsonKeepsItsTextAsDetails() {
        for (int i = 0; i < 3; i++) {
            spotify.enqueue(new MockResponse().setResponseCode(504).setBody("<html>Gateway Timeout</html>"));
        }

        assertThatThrownBy(() -> api.track("token", ID))
                .isInstanceOfSatisfying(SpotifyApiException.class, refused -> {
                    assertThat(refused.getMessage()).isEqualTo("Spotify answered 504");
                    assertThat(refused.details().asText()).isEqualTo("<html>Gateway Timeout</html>");
                });
    }

    @Test
    void aPlaylistCreationIsRetriedAfterA503ButNotAfterA500() {
        spotify.enqueue(json(503, "{\"error\":{\"status\":503,\"message\":\"Service unavailable\"}}"));
        spotify.enqueue(json(201, "{\"id\":\"pl1\",\"public\":false}"));
        spotify.enqueue(json(500, "{\"error\":{\"status\":500,\"message\":\"Server error\"}}"));

        assertThat(api.createPrivatePlaylist("token", "alice", "Mine", null).path("id").asText()).isEqualTo("pl1");
        assertThatThrownBy(() -> api.createPrivatePlaylist("token", "alice", "Again", null))
                .isInstanceOf(SpotifyApiException.class);
        assertThat(spotify.getRequestCount()).isEqualTo(3);
    }

    @Test
    void junkIsABadResponseAndIsNotRetried() {
        spotify.enqueue(json(200, "{\"id\": \"x\"} and then some"));

        assertThatThrownBy(() -> api.artist("token", ID)).isInstanceOf(SpotifyBadResponseException.class);
        assertThat(spotify.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aTimeoutIsUnavailableAndIsNotRetried() {
        spotify.enqueue(json(200, "{}").setHeadersDelay(2, TimeUnit.SECONDS));

        assertThatThrownBy(() -> api.artist("token", ID)).isInstanceOf(SpotifyUnavailableException.class);
        assertThat(spotify.getRequestCount()).isEqualTo(1);
    }

    @Test
    void repeatedOutagesOpenTheCircuitAndThenNothingIsSent() {
        for (int i = 0; i < 6; i++) {
            spotify.enqueue(json(500, "{\"error\":{\"status\":500,\"message\":\"Server error\"}}"));
        }
        assertThatThrownBy(() -> api.artist("token", ID)).isInstanceOf(SpotifyApiException.class);
        assertThatThrownBy(() -> api.artist("token", ID)).isInstanceOf(SpotifyUnavailableException.class);
        int sent = spotify.getRequestCount();

        assertThatThrownBy(() -> api.artist("token", ID))
                .isInstanceOfSatisfying(SpotifyUnavailableException.class,
                        open -> assertThat(open.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(spotify.getRequestCount()).isEqualTo(sent);
    }

    @Test
    void aUsersRefusalsDoNotOpenTheCircuit() {
        for (int i = 0; i < 8; i++) {
            spotify.enqueue(json(404, "{\"error\":{\"status\":404,\"message\":\"Resource not found\"}}"));
        }
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> api.artist("token", ID)).isInstanceOf(SpotifyApiException.class);
        }

        assertThat(circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void addingTracksRefusesMoreThanSpotifyTakesInOneRequest() {
        List<String> uris = java.util.Collections.nCopies(101, "spotify:track:" + ID);

        assertThatThrownBy(() -> api.addTracks("token", "pl1", uris)).isInstanceOf(IllegalArgumentException.class);
        assertThat(spotify.getRequestCount()).isZero();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        HttpHeaders seconds = new HttpHeaders();
        seconds.set(HttpHeaders.RETRY_AFTER, "7");
        HttpHeaders date = new HttpHeaders();
        date.set(HttpHeaders.RETRY_AFTER, DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60)));
        HttpHeaders junk = new HttpHeaders();
        junk.set(HttpHeaders.RETRY_AFTER, "soon");

        assertThat(SpotifyWebApi.retryAfter(seconds)).contains(Duration.ofSeconds(7));
        assertThat(SpotifyWebApi.retryAfter(date).orElseThrow()).isBetween(Duration.ofSeconds(55),
                Duration.ofSeconds(60));
        assertThat(SpotifyWebApi.retryAfter(junk)).isEmpty();
        assertThat(SpotifyWebApi.retryAfter(new HttpHeaders())).isEmpty();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
