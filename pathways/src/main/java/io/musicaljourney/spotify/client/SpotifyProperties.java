package io.musicaljourney.spotify.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code journey.spotify.*}: where the Web API is, how long to wait for it, and how hard to insist.
 *
 * @param enabled null (the default) decides from the identity mode: see {@link SpotifyAvailability}
 */
@ConfigurationProperties("journey.spotify")
public record SpotifyProperties(
        @DefaultValue("https://api.spotify.com") String apiBaseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        Boolean enabled,
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * @param maxAttempts the first call included: 3 means at most two retries
     * @param maxWait     the longest {@code Retry-After} we sit out in a request thread; Spotify asking for longer is
     *                    answered 503 at once instead of holding the caller
     * @param backoff     the wait before the first retry of a 5xx that names no {@code Retry-After}; doubles after
     */
    public record Retry(@DefaultValue("3") int maxAttempts,
                        @DefaultValue("2s") Duration maxWait,
                        @DefaultValue("250ms") Duration backoff) {
    }

    /**
     * Opens when {@code failureRateThreshold} percent of the last {@code slidingWindowSize} calls (once at least
     * {@code minimumNumberOfCalls} were made) were outages: 5xx, 429, timeouts or junk.
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
                                 @DefaultValue("20") int slidingWindowSize,
                                 @DefaultValue("10") int minimumNumberOfCalls,
                                 @DefaultValue("30s") Duration waitInOpenState) {
    }
}
