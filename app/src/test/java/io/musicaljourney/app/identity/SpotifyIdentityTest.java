package io.musicaljourney.app.identity;

import io.musicaljourney.app.MusicalJourneyApplication;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.TestDatabase;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production identity against a fake Spotify that speaks its protocol: the user is {@code /v1/me}'s id, Spotify's
 * refusals pass through with its status and message, answers are cached per token, and an unreachable Spotify
 * refuses requests instead of trusting them.
 */
@SpringBootTest(classes = MusicalJourneyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"journey.auth.mode=spotify", "journey.events.safety-poll-interval=10m"})
class SpotifyIdentityTest {

    private static final MockWebServer spotify = new MockWebServer();
    private static final AtomicInteger meCalls = new AtomicInteger();

    @LocalServerPort
    int port;

    private Api api;

    static {
        spotify.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!"/v1/me".equals(request.getPath())) {
                    return new MockResponse().setResponseCode(404);
                }
                meCalls.incrementAndGet();
                String authorization = String.valueOf(request.getHeader("Authorization"));
                return switch (authorization) {
                    case "Bearer good-token", "Bearer other-good-token" -> json(200,
                            "{\"id\":\"spotify-user-1\",\"display_name\":\"Alice\"}");
                    case "Bearer expired-token" -> json(401,
                            "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}");
                    case "Bearer forbidden-token" -> json(403,
                            "{\"error\":{\"status\":403,\"message\":\"User not registered in the Developer Dashboard\"}}");
                    case "Bearer spotify-down" -> json(503, "upstream connect error");
                    default -> json(401, "{\"error\":{\"status\":401,\"message\":\"Invalid access token\"}}");
                };
            }
        });
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        spotify.start();
        String database = TestDatabase.create("mj_identity");
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("journey.spotify.api-base-url", () -> "http://127.0.0.1:" + spotify.getPort());
    }

    @AfterAll
    static void stopSpotify() throws IOException {
        spotify.shutdown();
    }

    @BeforeEach
    void client() {
        api = new Api("http://127.0.0.1:" + port);
    }

    @Test
    void aValidTokenActsAsItsSpotifyUserAndIsAskedAboutOnce() {
        int before = meCalls.get();

        Api.Response created = api.post("/api/journeys", "good-token", JourneyRequests.create("Via Spotify"));
        String id = created.json().get("id").asText();
        Api.Response detail = api.get("/api/journeys/" + id, "good-token");

        assertThat(created.status()).isEqualTo(201);
        assertThat(detail.json().get("journey").get("user_id").asText()).isEqualTo("spotify-user-1");
        assertThat(meCalls.get() - before).isEqualTo(1);
        assertThat(api.get("/api/journeys/" + id, "other-good-token").status())
                .as("another token of the same Spotify user").isEqualTo(200);
    }

    @Test
    void aTokenSpotifyRefusesGetsSpotifysStatusAndMessage() {
        Api.Response expired = api.get("/api/journeys", "expired-token");
        Api.Response forbidden = api.get("/api/journeys", "forbidden-token");

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).isEqualTo("The access token expired");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("error").asText())
                .isEqualTo("User not registered in the Developer Dashboard");
    }

    @Test
    void whenSpotifyCannotAnswerRequestsAreRefusedNotTrusted() {
        Api.Response response = api.post("/api/journeys", "spotify-down", JourneyRequests.create("Nope"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(response.json().get("error").asText()).contains("Identity provider unavailable");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }
}
