package io.musicaljourney.pathway.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.resource.Delay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What Redis needs beyond Spring Boot's own auto-configuration (connection factory, templates, health), only when
 * Redis is configured. Command and connect timeouts are Boot's {@code spring.data.redis.timeout} and
 * {@code connect-timeout} (short, in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfiguredCondition.class)
public class RedisConfiguration {

    @Bean
    RedisGuard redisGuard(ObjectProvider<CircuitBreakerRegistry> registry, CacheProperties properties) {
        return new RedisGuard(registry.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                properties.redisRetryInterval());
    }

    /**
     * Connects at start, so the first request does not pay for starting Lettuce and opening the connection (which
     * can take longer than the command timeout, and the request would then go without Redis). Redis down at start
     * is not an error: the first requests skip it and later ones connect.
     */
    @Bean
    SmartInitializingSingleton redisWarmUp(StringRedisTemplate redis, RedisGuard guard) {
        return () -> guard.call("PING", () -> redis.execute(RedisConnection::ping));
    }

    /**
     * Lettuce reconnects a lost connection on its own, but its default back-off grows to 30 s: after a short
     * outage Redis would stay unused (and health DOWN) for up to half a minute. One attempt a second at most.
     */
    @Bean
    ClientResourcesBuilderCustomizer redisReconnectDelay() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }
}
