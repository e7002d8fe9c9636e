package io.musicaljourney.pathway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code journey.rate-limit.*}: each subject may make {@code capacity} requests per {@code period}; the whole
 * allowance comes back at once when the period ends (a fixed window per subject, started by its first request).
 *
 * @param localMaxSubjects     bound of the in-process buckets (no Redis, or Redis unreachable), and of the
 *                             subjects whose Redis buckets an instance keeps in memory
 * @param unsynchronizedShare  with Redis: the part of {@code capacity} an instance may grant to one subject before it
 *                             tells Redis (in whole tokens, rounded down; below one token every request goes to
 *                             Redis). Another instance sees those grants only then, so a subject can get up to this
 *                             share more per instance, or be refused as early, until the next synchronisation
 * @param unsynchronizedTime   with Redis: the longest an instance grants from its copy of a subject's bucket before
 *                             it asks Redis again
 */
@ConfigurationProperties("journey.rate-limit")
public record RateLimitProperties(@DefaultValue("30") long capacity,
                                  @DefaultValue("1m") Duration period,
                                  @DefaultValue("100000") long localMaxSubjects,
                                  @DefaultValue("0.1") double unsynchronizedShare,
                                  @DefaultValue("1s") Duration unsynchronizedTime) {

    public RateLimitProperties {
        if (capacity < 1) {
            throw new IllegalArgumentException("journey.rate-limit.capacity must be at least 1");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("journey.rate-limit.period must be positive");
        }
        if (!(unsynchronizedShare >= 0 && unsynchronizedShare < 1)) {
            throw new IllegalArgumentException("journey.rate-limit.unsynchronized-share must be at least 0 and below 1");
        }
        if (unsynchronizedTime.isNegative()) {
            throw new IllegalArgumentException("journey.rate-limit.unsynchronized-time must not be negative");
        }
    }

    /** Tokens an instance may grant to one subject without telling Redis; 0 means every request asks Redis. */
    public long unsynchronizedTokens() {
        return (long) Math.floor(capacity * unsynchronizedShare);
    }
}
