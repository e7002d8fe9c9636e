package io.musicaljourney.pathway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Bucket4j token buckets, one per subject (a user id, or a client address where no user is known), so one
 * subject's burst never touches another's allowance. Kept in Redis when it is configured and answering; in this
 * process otherwise, and as the fallback while Redis is unreachable (then each instance counts on its own: the
 * limit still holds per instance rather than failing requests or letting everything through).
 */
public class BucketRateLimiter implements RateLimiter {

    private final RedisBuckets redis;
    private final BucketConfiguration configuration;
    private final Cache<String, Bucket> local;
    private final Clock clock;

    BucketRateLimiter(RateLimitProperties properties, RedisBuckets redis, Clock clock) {
        this.redis = redis;
        this.configuration = configuration(properties);
        this.clock = clock;
        // An idle bucket is full again after one period, so forgetting it then changes nothing.
        this.local = Caffeine.newBuilder()
                .maximumSize(properties.localMaxSubjects())
                .expireAfterAccess(properties.period())
                .build();
    }

    /** Local buckets only. */
    public BucketRateLimiter(RateLimitProperties properties, Clock clock) {
        this(properties, null, clock);
    }

    static BucketConfiguration configuration(RateLimitProperties properties) {
        // Intervally: the whole allowance returns at once at the end of the period, so X-RateLimit-Reset is both
        // when the next request is possible and when the full allowance is back.
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.capacity())
                        .refillIntervally(properties.capacity(), properties.period())
                        .build())
                .build();
    }

    @Override
    public RateLimitDecision tryAcquire(String subject) {
        Optional<ConsumptionProbe> distributed = redis == null ? Optional.empty() : redis.tryConsume(subject);
        ConsumptionProbe probe = distributed.orElseGet(() -> local.get(subject, key -> Bucket.builder()
                .addLimit(configuration.getBandwidths()[0]).build()).tryConsumeAndReturnRemaining(1));
        long resetMillis = TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForReset() + 999_999);
        return new RateLimitDecision(probe.isConsumed(), probe.getRemainingTokens(), clock.millis() + resetMillis);
    }
}
