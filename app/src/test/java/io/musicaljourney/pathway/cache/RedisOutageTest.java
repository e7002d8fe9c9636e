package io.musicaljourney.pathway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.pathway.ratelimit.RateLimiter;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.RedisProxy;
import io.musicaljourney.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Redis taken away from the running application mid-test (its proxy stopped), then given back. */
class RedisOutageTest extends IntegrationTest {

    record Pathways(String node, List<String> next) {
    }

    @Autowired
    ExplorationCache cache;
    @Autowired
    RateLimiter rateLimiter;

    private final RedisCommands<String, String> redis = TestRedis.commands();

    /**
     * After failures the application skips Redis until a retry finds it back: the next test class sharing this
     * context (RateLimiterTest) must find its rate limits in Redis again, not in the fallback buckets.
     */
    @AfterEach
    void giveRedisBack() {
        RedisProxy.shared().start();
        String probe = newUser();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            rateLimiter.tryAcquire(probe);
            return redis.exists("rate-limit:" + probe) == 1;
        });
    }

    @Test
    void withRedisGoneValuesAreStillServedHealthShowsRedisDownAndBothRecoverWhenItReturns() {
        CacheEntry pathway = CacheEntry.pathway(NodeType.ARTIST, ExplorationCacheTest.unique("bjork"));
        AtomicInteger loads = new AtomicInteger();
        cache.getOrLoad(pathway, Pathways.class, () -> load(loads, "bjork"));
        assertThat(health().at("/components/redis/status").asText()).isEqualTo("UP");

        RedisProxy.shared().stop();

        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Pathways fromTable = cache.getOrLoad(pathway, Pathways.class, () -> load(loads, "reloaded"));
            assertThat(fromTable.node()).isEqualTo("bjork");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        CacheEntry narrative = CacheEntry.narrative(ExplorationCacheTest.unique("a"), "b", "legacy");
        assertThat(cache.getOrLoad(narrative, String.class, () -> "Told without Redis")).isEqualTo("Told without Redis");
        assertThat(loads).hasValue(1);
        Api.Response down = api.get("/actuator/health", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().at("/components/redis/status").asText()).isEqualTo("DOWN");
        assertThat(down.json().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).status())
                .as("still ready: requests are served without Redis").isEqualTo(200);

        RedisProxy.shared().start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(health().at("/components/redis/status").asText()).isEqualTo("UP"));
        CacheEntry afterwards = CacheEntry.spotifyTrack(ExplorationCacheTest.unique("joga"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            cache.getOrLoad(afterwards, String.class, () -> "Jóga");
            assertThat(redis.get(afterwards.key())).isEqualTo("\"Jóga\"");
        });
    }

    @Test
    void withRedisGoneTheRateLimitStillHoldsPerUser() {
        String user = newUser();
        String other = newUser();
        RedisProxy.shared().stop();

        List<RateLimiter.RateLimitDecision> decisions = new java.util.ArrayList<>();
        for (int i = 0; i < 31; i++) {
            decisions.add(rateLimiter.tryAcquire(user));
        }

        assertThat(decisions.subList(0, 30)).allMatch(RateLimiter.RateLimitDecision::allowed);
        assertThat(decisions.get(30).allowed()).isFalse();
        assertThat(rateLimiter.tryAcquire(other).allowed()).isTrue();
    }

    private JsonNode health() {
        return api.get("/actuator/health", null).json();
    }

    private static Pathways load(AtomicInteger loads, String node) {
        loads.incrementAndGet();
        return new Pathways(node, List.of());
    }
}
