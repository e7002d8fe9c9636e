package io.musicaljourney.spotify.client;

import java.time.Duration;

/**
 * Spotify cannot be used right now: it kept rate-limiting us, did not answer in time, or the circuit breaker is
 * open after repeated failures. Answered 503 with {@code Retry-After}.
 */
public final class SpotifyUnavailableException extends SpotifyException {

    private final Duration retryAfter;

    public SpotifyUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
