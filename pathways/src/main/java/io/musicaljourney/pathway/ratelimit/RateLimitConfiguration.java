package io.musicaljourney.pathway.ratelimit;

import io.musicaljourney.pathway.cache.RedisGuard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Clock;
import java.time.Duration;

/** The rate limiter: distributed through Redis when Redis is configured, in-process otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {

    private static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(250);

    @Bean
    BucketRateLimiter rateLimiter(RateLimitProperties properties, ObjectProvider<RedisConnectionFactory> redis,
                                  ObjectProvider<RedisGuard> guard, ObjectProvider<RedisProperties> redisProperties,
                                  ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        RedisGuard redisGuard = guard.getIfAvailable();
        if (redis.getIfUnique() instanceof LettuceConnectionFactory lettuce && redisGuard != null) {
            RedisProperties settings = redisProperties.getIfAvailable();
            Duration timeout = settings == null || settings.getTimeout() == null
                    ? DEFAULT_REDIS_TIMEOUT : settings.getTimeout();
            RedisBuckets buckets = new RedisBuckets(lettuce, redisGuard, properties, timeout);
            buckets.warmUp();
            return new BucketRateLimiter(properties, buckets, time);
        }
        return new BucketRateLimiter(properties, time);
    }
}
