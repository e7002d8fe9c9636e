package io.musicaljourney.spotify.client;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What Spotify answered, untouched: status, body bytes and {@code Retry-After}. Kept raw so the search proxy can
 * pass Spotify's JSON on byte for byte.
 *
 * @param method     the request's method, which decides what may be retried
 * @param retryAfter Spotify's {@code Retry-After}, when it sent a usable one
 */
public record SpotifyResponse(HttpMethod method, HttpStatusCode status, byte[] body, Optional<Duration> retryAfter) {

    public boolean successful() {
        return status.is2xxSuccessful();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
