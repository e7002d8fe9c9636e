package io.musicaljourney.pathway.model;

import java.time.Duration;
import java.util.Optional;

/**
 * An upstream model call that gave no answer.
 *
 * @param status     the upstream's HTTP status, or 0 when no response arrived (timeout, connection refused)
 * @param retryAfter what the upstream's {@code Retry-After} asked for, when it said
 */
public class LanguageModelException extends RuntimeException {

    private final String upstream;
    private final int status;
    private final Duration retryAfter;

    public LanguageModelException(String upstream, int status, Duration retryAfter, String message, Throwable cause) {
        super(upstream + ": " + message, cause);
        this.upstream = upstream;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public String upstream() {
        return upstream;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Too many requests, a server error or Anthropic's 529 overloaded: the same request may succeed later. */
    public boolean transientStatus() {
        return status == 429 || status >= 500;
    }

    /** The upstream is failing (rather than refusing this one request): what the circuit breaker counts. */
    public boolean upstreamFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
