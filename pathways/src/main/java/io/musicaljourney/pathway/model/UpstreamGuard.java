package io.musicaljourney.pathway.model;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retry around a circuit breaker, one pair per upstream, from resilience4j. Only 429, 5xx and 529 are retried, after
 * the upstream's {@code Retry-After} when it names one that is short enough (a longer one ends the attempts rather
 * than being cut short), else after an exponential back-off. Timeouts are not retried: a slow upstream asked again
 * at once only gets slower. The breaker counts upstream failures, not a refused request or a badly shaped answer.
 */
public final class UpstreamGuard {

    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public UpstreamGuard(String name, PathwayModelProperties.Retry settings, RetryRegistry retries,
                         CircuitBreakerRegistry breakers) {
        this(name, settings, retries, breakers, Duration.ofSeconds(30));
    }

    /** @param waitInOpenState how long calls are refused without asking the model once the circuit opened */
    public UpstreamGuard(String name, PathwayModelProperties.Retry settings, RetryRegistry retries,
                         CircuitBreakerRegistry breakers, Duration waitInOpenState) {
        Duration maxRetryAfter = settings.maxRetryAfter();
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(failure -> failure instanceof LanguageModelException model
                        && model.transientStatus()
                        && model.retryAfter().map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true))
                .intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) -> {
                    Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
                    if (failure instanceof LanguageModelException model && model.retryAfter().isPresent()) {
                        return model.retryAfter().get().toMillis();
                    }
                    return settings.backoff().toMillis() << Math.min(attempt - 1, 10);
                })
                .build();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(waitInOpenState)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(failure -> failure instanceof LanguageModelException model && model.upstreamFailure())
                .build();
        // Replace whatever a previous context registered under the name, so the settings of this one apply.
        retries.remove(name);
        breakers.remove(name);
        this.retry = retries.retry(name, retryConfig);
        this.circuitBreaker = breakers.circuitBreaker(name, breakerConfig);
    }

    public <T> T call(Supplier<T> upstreamCall) {
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, upstreamCall)).get();
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }
}
