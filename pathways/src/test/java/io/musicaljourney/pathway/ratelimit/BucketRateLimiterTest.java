package io.musicaljourney.pathway.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.musicaljourney.pathway.cache.RedisGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BucketRateLimiterTest {

    // Below ten tokens the unsynchronised share (a tenth) rounds down to none: every request asks Redis.
    private static final RateLimitProperties THREE_PER_SECOND =
            new RateLimitProperties(3, Duration.ofSeconds(1), 100, 0.1, Duration.ofSeconds(1));
    private final List<LettuceConnectionFactory> factories = new ArrayList<>();
    private final List<RedisBuckets> buckets = new ArrayList<>();

    @AfterEach
    void close() {
        buckets.forEach(RedisBuckets::destroy);
        factories.forEach(LettuceConnectionFactory::destroy);
    }

    @Test
    void localBucketsAllowTheCapacityThenRefuseUntilTheAnnouncedReset() {
        RateLimiter limiter = new BucketRateLimiter(THREE_PER_SECOND, Clock.systemUTC());
        long before = System.currentTimeMillis();

        List<RateLimiter.RateLimitDecision> decisions = acquire(limiter, "alice", 4);

        assertThat(decisions).extracting(RateLimiter.RateLimitDecision::allowed).containsExactly(true, true, true, false);
        assertThat(decisions).extracting(RateLimiter.RateLimitDecision::remaining).containsExactly(2L, 1L, 0L, 0L);
        long reset = decisions.get(3).resetEpochMillis();
        assertThat(reset).isBetween(before, System.currentTimeMillis() + 1_000);
        await().atMost(Duration.ofSeconds(3)).until(() -> limiter.tryAcquire("alice").allowed());
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(reset - 50);
    }

    @Test
    void oneSubjectsBurstNeverThrottlesAnother() {
        RateLimiter limiter = new BucketRateLimiter(THREE_PER_SECOND, Clock.systemUTC());

        acquire(limiter, "greedy", 10);

        assertThat(limiter.tryAcquire("patient").allowed()).isTrue();
        assertThat(limiter.tryAcquire("patient").remaining()).isEqualTo(1);
    }

    @Test
    void withRedisEveryInstanceCountsAgainstTheSameAllowance() {
        int database = ThreadLocalRandom.current().nextInt(1, 16);
        RateLimiter first = redisLimiter(6379, database);
        RateLimiter second = redisLimiter(6379, database);
        String subject = "user-" + UUID.randomUUID();

        assertThat(first.tryAcquire(subject).allowed()).isTrue();
        assertThat(second.tryAcquire(subject).allowed()).isTrue();
        assertThat(first.tryAcquire(subject).remaining()).isZero();
        assertThat(second.tryAcquire(subject).allowed()).isFalse();
        assertThat(second.tryAcquire("user-" + UUID.randomUUID()).allowed()).isTrue();
    }

    @Test
    void withRedisAnInstanceGrantsItsShareFromItsOwnCopyAndThenHandsItToRedis() {
        RateLimitProperties hundredAMinute =
                new RateLimitProperties(100, Duration.ofMinutes(1), 100, 0.1, Duration.ofMinutes(1));
        int database = ThreadLocalRandom.current().nextInt(1, 16);
        RateLimiter first = redisLimiter(6379, database, hundredAMinute);
        RateLimiter second = redisLimiter(6379, database, hundredAMinute);
        String subject = "user-" + UUID.randomUUID();

        List<RateLimiter.RateLimitDecision> firstTen = acquire(first, subject, 10);
        RateLimiter.RateLimitDecision elsewhere = second.tryAcquire(subject);
        List<RateLimiter.RateLimitDecision> nextTwo = acquire(first, subject, 2);

        assertThat(firstTen).extracting(RateLimiter.RateLimitDecision::remaining)
                .containsExactly(99L, 98L, 97L, 96L, 95L, 94L, 93L, 92L, 91L, 90L);
        assertThat(elsewhere.remaining()).as("Redis knows of the first instance's first grant only").isEqualTo(98);
        assertThat(nextTwo).extracting(RateLimiter.RateLimitDecision::remaining)
                .as("the eleventh grant from the copy, then the twelfth hands all eleven to Redis")
                .containsExactly(89L, 87L);
    }

    @Test
    void withRedisUnreachableTheLimitStillHoldsWithLocalBuckets() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RateLimiter limiter = redisLimiter(closedPort, 0);

        List<RateLimiter.RateLimitDecision> decisions = acquire(limiter, "alice", 4);

        assertThat(decisions).extracting(RateLimiter.RateLimitDecision::allowed).containsExactly(true, true, true, false);
        assertThat(limiter.tryAcquire("bob").allowed()).isTrue();
    }

    private RateLimiter redisLimiter(int port, int database) {
        return redisLimiter(port, database, THREE_PER_SECOND);
    }

    private RateLimiter redisLimiter(int port, int database, RateLimitProperties limits) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", port);
        server.setDatabase(database);
        // Generous for the first connection of a cold JVM; the buckets' own requests time out after 250 ms.
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server, LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(2)).build());
        factory.afterPropertiesSet();
        factory.start();
        factories.add(factory);
        RedisGuard guard = new RedisGuard(CircuitBreakerRegistry.ofDefaults(), Duration.ofSeconds(5));
        RedisBuckets redis = new RedisBuckets(factory, guard, limits, Duration.ofMillis(250));
        buckets.add(redis);
        redis.warmUp();
        return new BucketRateLimiter(limits, redis, Clock.systemUTC());
    }

    private static List<RateLimiter.RateLimitDecision> acquire(RateLimiter limiter, String subject, int times) {
        List<RateLimiter.RateLimitDecision> decisions = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            decisions.add(limiter.tryAcquire(subject));
        }
        return decisions;
    }
}
