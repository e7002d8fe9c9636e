package io.musicaljourney.pathway.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The exploration cache: Redis (or its in-process stand-in), the {@code journey_nodes_cache} table, its cleanup. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CacheProperties.class)
public class CacheConfiguration {

    @Bean
    NodesCacheTable nodesCacheTable(JdbcTemplate jdbc) {
        return new NodesCacheTable(jdbc);
    }

    /** Redis when it is configured (Boot then provides the template), else a bounded in-process cache. */
    @Bean
    FirstTier firstTier(ObjectProvider<StringRedisTemplate> redis, ObjectProvider<RedisGuard> guard,
                        CacheProperties properties) {
        StringRedisTemplate template = redis.getIfUnique();
        RedisGuard redisGuard = guard.getIfAvailable();
        if (template != null && redisGuard != null) {
            return new RedisFirstTier(template, redisGuard);
        }
        return new CaffeineFirstTier(properties.localMaxEntries());
    }

    @Bean
    TwoLevelExplorationCache explorationCache(FirstTier firstTier, NodesCacheTable table, ObjectMapper json,
                                              ObjectProvider<Clock> clock) {
        return new TwoLevelExplorationCache(firstTier, table, json, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnProperty(name = "journey.cache.cleanup.enabled", havingValue = "true", matchIfMissing = true)
    NodesCacheCleanup nodesCacheCleanup(NodesCacheTable table, ObjectProvider<Clock> clock,
                                        CacheProperties properties) {
        return new NodesCacheCleanup(table, clock.getIfAvailable(Clock::systemUTC), properties.cleanup().batchSize());
    }
}
