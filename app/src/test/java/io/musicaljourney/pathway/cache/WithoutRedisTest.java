package io.musicaljourney.pathway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.app.MusicalJourneyApplication;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.pathway.ratelimit.RateLimiter;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as the embedded default runs it as far as Redis goes: no {@code spring.data.redis.host}. A
 * database is given (an embedded PostgreSQL would only slow the test down; the Redis decision does not depend on
 * it), and the journey roles are off so this second instance's projector stays out of the other tests' way.
 */
class WithoutRedisTest {

    record Pathways(String node, List<String> next) {
    }

    private static ConfigurableApplicationContext app;
    private static Api api;

    @BeforeAll
    static void startWithoutRedis() {
        app = new SpringApplicationBuilder(MusicalJourneyApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.create("mj_noredis"),
                "--spring.datasource.username=" + TestDatabase.USER,
                "--journey.auth.mode=local",
                "--journey.roles.command=false",
                "--journey.roles.query=false",
                "--spring.jmx.enabled=false");
        api = new Api("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void healthIsUpWithoutAnyRedisComponent() {
        Api.Response health = api.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        JsonNode components = health.json().get("components");
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(components.has("db")).isTrue();
        assertThat(components.has("redis")).isFalse();
        assertThat(app.getBeanProvider(RedisConnectionFactory.class).getIfAvailable()).isNull();
    }

    @Test
    void theCacheKeepsItsFirstTierInProcessAndPathwaysInTheTable() {
        assertThat(app.getBean(FirstTier.class)).isInstanceOf(CaffeineFirstTier.class);
        ExplorationCache cache = app.getBean(ExplorationCache.class);
        CacheEntry entry = CacheEntry.pathway(NodeType.ARTIST, ExplorationCacheTest.unique("nina-simone"));
        AtomicInteger loads = new AtomicInteger();

        cache.getOrLoad(entry, Pathways.class, () -> {
            loads.incrementAndGet();
            return new Pathways("nina-simone", List.of("billie-holiday"));
        });
        Pathways again = cache.getOrLoad(entry, Pathways.class, () -> {
            loads.incrementAndGet();
            return new Pathways("reloaded", List.of());
        });

        assertThat(again.next()).containsExactly("billie-holiday");
        assertThat(loads).hasValue(1);
        assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM journey_nodes_cache WHERE cache_key = ?", Long.class, entry.key())).isOne();
    }

    @Test
    void theRateLimitHoldsWithLocalBuckets() {
        RateLimiter limiter = app.getBean(RateLimiter.class);
        String user = "user-" + java.util.UUID.randomUUID();

        for (int i = 0; i < 30; i++) {
            assertThat(limiter.tryAcquire(user).allowed()).isTrue();
        }

        assertThat(limiter.tryAcquire(user).allowed()).isFalse();
        assertThat(limiter.tryAcquire("someone-else").allowed()).isTrue();
    }
}
