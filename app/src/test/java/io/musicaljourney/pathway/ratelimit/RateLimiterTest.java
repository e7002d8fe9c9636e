package io.musicaljourney.pathway.ratelimit;

import io.musicaljourney.pathway.cache.RedisGuard;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's rate limiter (30 per minute by default) with its buckets in the real Redis. */
class RateLimiterTest extends IntegrationTest {

    @Autowired
    RateLimiter rateLimiter;
    @Autowired
    RateLimitProperties properties;
    @Autowired
    LettuceConnectionFactory redis;
    @Autowired
    RedisGuard guard;

    @Test
    void aUserGets30RequestsAMinuteThenIsRefusedUntilTheAnnouncedReset() {
        String user = newUser();
        long before = System.currentTimeMillis();

        List<RateLimiter.RateLimitDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            decisions.add(rateLimiter.tryAcquire(user));
        }

        assertThat(decisions.subList(0, 30)).allMatch(RateLimiter.RateLimitDecision::allowed);
        assertThat(decisions.get(0).remaining()).isEqualTo(29);
        assertThat(decisions.get(29).remaining()).isZero();
        RateLimiter.RateLimitDecision refused = decisions.get(30);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetEpochMillis()).isBetween(before, System.currentTimeMillis() + 60_000);
        assertThat(TestRedis.commands().exists("rate-limit:" + user)).isOne();
        assertThat(TestRedis.commands().pttl("rate-limit:" + user)).isBetween(1L, 61_000L);
    }

    @Test
    void oneUsersBurstNeverThrottlesAnother() {
        String greedy = newUser();
        String patient = newUser();
        for (int i = 0; i < 40; i++) {
            rateLimiter.tryAcquire(greedy);
        }

        RateLimiter.RateLimitDecision decision = rateLimiter.tryAcquire(patient);

        assertThat(rateLimiter.tryAcquire(greedy).allowed()).isFalse();
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(29);
    }

    @Test
    void twoInstancesCountAgainstOneAllowanceInRedis() {
        RateLimitProperties small = new RateLimitProperties(3, Duration.ofMinutes(1), 100, 0.1, Duration.ofSeconds(1));
        BucketRateLimiter first = instance(small);
        BucketRateLimiter second = instance(small);
        String user = newUser();

        first.tryAcquire(user);
        second.tryAcquire(user);
        RateLimiter.RateLimitDecision third = first.tryAcquire(user);
        RateLimiter.RateLimitDecision fourth = second.tryAcquire(user);

        assertThat(third.allowed()).isTrue();
        assertThat(third.remaining()).isZero();
        assertThat(fourth.allowed()).isFalse();
    }

    private BucketRateLimiter instance(RateLimitProperties limits) {
        RedisBuckets buckets = new RedisBuckets(redis, guard, limits, Duration.ofMillis(250));
        return new BucketRateLimiter(limits, buckets, Clock.systemUTC());
    }
}
