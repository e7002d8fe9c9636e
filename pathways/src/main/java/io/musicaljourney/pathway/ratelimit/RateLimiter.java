package io.musicaljourney.pathway.ratelimit;

/** Limits how often one subject (a user id, or a client address where no user is known) may use a costly route. */
public interface RateLimiter {

    RateLimitDecision tryAcquire(String subject);

    /**
     * @param remaining        requests left in the current window after this one
     * @param resetEpochMillis when the window resets ({@code X-RateLimit-Reset}, epoch milliseconds)
     */
    record RateLimitDecision(boolean allowed, long remaining, long resetEpochMillis) {
    }
}
