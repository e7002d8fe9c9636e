package io.musicaljourney.spotify;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.musicaljourney.app.MusicalJourneyApplication;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.util.UUID;

/**
 * The real application in Spotify identity mode, against one {@link FakeSpotify} for identities and the Web API,
 * and the local PostgreSQL. Every Spotify proxy test class extends this unchanged, so they share one application
 * context; each test uses users and ids of its own, so they never see each other's calls.
 */
@SpringBootTest(classes = MusicalJourneyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"journey.auth.mode=spotify",
                "journey.events.safety-poll-interval=10m",
                // Short back-off so the 5xx tests stay quick; Retry-After (whole seconds) is honoured as sent.
                "journey.spotify.retry.backoff=50ms",
                "journey.spotify.retry.max-wait=2s"})
// The pathways role, where the proxies live; harmless once the application imports it itself.
abstract class SpotifyProxyTest {

    static final FakeSpotify spotify = new FakeSpotify();

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    Api api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        spotify.start();
        String database = TestDatabase.create("mj_spotify");
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("journey.spotify.api-base-url", spotify::baseUrl);
    }

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port);
        // Failures provoked by one test must not open the circuit for the next.
        circuitBreakers.circuitBreaker("spotify").reset();
        spotify.forgetScripts();
    }

    /** A fresh Spotify user; send {@link FakeSpotify#tokenOf(String)} as the bearer. */
    static String newUser() {
        return "sp" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static String newSpotifyId() {
        return FakeSpotify.idFor(UUID.randomUUID().toString());
    }
}
