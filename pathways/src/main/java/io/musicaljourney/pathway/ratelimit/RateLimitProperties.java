package io.musicaljourney.pathway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code journey.rate-limit.*}: each subject may make {@code capacity} requests per {@code period}; the whole
 * allowance comes back at once when the period ends (a fixed window per subject, started by its first request).
 *
 * @param localMaxSubjects bound of the in-process buckets (no Redis, or Redis unreachable)
 */
@ConfigurationProperties("journey.rate-limit")
public record RateLimitProperties(@DefaultValue("30") long capacity,
                                  @DefaultValue("1m") Duration period,
                                  @DefaultValue("100000") long localMaxSubjects) {

    public RateLimitProperties {
        if (capacity < 1) {
            throw new IllegalArgumentException("journey.rate-limit.capacity must be at least 1");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("journey.rate-limit.period must be positive");
        }
    }
}
