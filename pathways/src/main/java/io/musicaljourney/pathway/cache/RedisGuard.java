package io.musicaljourney.pathway.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Redis is an accelerator, never a dependency of a request: every call through here either answers or is skipped.
 * Each call is bounded by Lettuce's command timeout ({@code spring.data.redis.timeout}); once calls fail, a circuit
 * breaker skips Redis altogether for {@code journey.cache.redis-retry-interval}, after which one request tries it
 * again. So an outage costs a few timed-out calls, not one per request, and the log gets one line when Redis goes
 * away (repeated failed retries are logged at debug) and one when it comes back.
 */
public class RedisGuard {

    public static final String BREAKER_NAME = "redis";
    private static final Logger log = LoggerFactory.getLogger(RedisGuard.class);

    private final CircuitBreaker breaker;

    public RedisGuard(CircuitBreakerRegistry registry, Duration retryInterval) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(retryInterval)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
        this.breaker = registry.circuitBreaker(BREAKER_NAME, config);
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition()) {
                case CLOSED_TO_OPEN -> log.warn("Redis is failing; serving without it, retrying every {}",
                        retryInterval);
                case HALF_OPEN_TO_OPEN -> log.debug("Redis still unreachable");
                case HALF_OPEN_TO_CLOSED -> log.info("Redis is reachable again");
                default -> log.debug("Redis circuit: {}", event.getStateTransition());
            }
        });
    }

    /** @return the operation's result, or empty when Redis is being skipped, failed, or answered nothing */
    public <T> Optional<T> call(String operation, Supplier<T> redisOperation) {
        if (!breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            T result = redisOperation.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Optional.ofNullable(result);
        } catch (RuntimeException failure) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            log.debug("Redis {} failed: {}", operation, failure.toString());
            return Optional.empty();
        }
    }

    /** @return whether the operation ran and succeeded */
    public boolean run(String operation, Runnable redisOperation) {
        return call(operation, () -> {
            redisOperation.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Runs the operation even while Redis is being skipped (operators' evictions); failures propagate. */
    public void runNow(String operation, Runnable redisOperation) {
        long start = System.nanoTime();
        try {
            redisOperation.run();
        } catch (RuntimeException failure) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            throw new CacheUnavailableException("Redis " + operation + " failed", failure);
        }
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
