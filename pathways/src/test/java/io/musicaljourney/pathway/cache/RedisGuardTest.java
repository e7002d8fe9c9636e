package io.musicaljourney.pathway.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RedisGuardTest {

    private final RedisGuard guard = new RedisGuard(CircuitBreakerRegistry.ofDefaults(), Duration.ofMillis(300));
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean redisDown = new AtomicBoolean(true);

    @Test
    void aFailingRedisIsAnEmptyAnswerNeverAnException() {
        assertThat(guard.call("GET", this::redis)).isEmpty();
        assertThat(guard.run("SET", this::redis)).isFalse();
    }

    @Test
    void afterRepeatedFailuresRedisIsSkippedThenTriedAgainAndUsedOnceBack() {
        for (int i = 0; i < 3; i++) {
            guard.call("GET", this::redis);
        }
        int attempts = calls.get();

        assertThat(guard.call("GET", this::redis)).isEmpty();
        assertThat(calls).hasValue(attempts);
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);

        redisDown.set(false);

        await().atMost(Duration.ofSeconds(5)).until(() -> guard.call("GET", this::redis).isPresent());
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void operatorsEvictionsAreTriedEvenWhileRedisIsSkippedAndTheirFailureIsReported() {
        for (int i = 0; i < 3; i++) {
            guard.call("GET", this::redis);
        }
        int attempts = calls.get();

        assertThatThrownBy(() -> guard.runNow("DEL", this::redis)).isInstanceOf(CacheUnavailableException.class);
        assertThat(calls).hasValue(attempts + 1);
    }

    private String redis() {
        calls.incrementAndGet();
        if (redisDown.get()) {
            throw new QueryTimeoutException("Redis command timed out");
        }
        return "value";
    }
}
