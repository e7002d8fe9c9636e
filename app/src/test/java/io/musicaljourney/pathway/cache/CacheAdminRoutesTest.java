package io.musicaljourney.pathway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators evict cached entries over HTTP; everybody else cannot tell the routes exist. */
class CacheAdminRoutesTest extends IntegrationTest {

    record Pathways(String node, List<String> next) {
    }

    @Autowired
    ExplorationCache cache;

    private final RedisCommands<String, String> redis = TestRedis.commands();

    @Test
    void anAdminEvictsANodesPathwaysFromRedisAndTheTable() {
        String nodeId = ExplorationCacheTest.unique("aphex-twin");
        String key = cached(CacheEntry.pathway(NodeType.ARTIST, nodeId));

        Api.Response evicted = api.delete("/admin/cache/pathways/artist/" + nodeId, ADMIN);

        assertThat(evicted.status()).isEqualTo(204);
        assertThat(redis.exists(key)).isZero();
        assertThat(rows(key)).isZero();
    }

    @Test
    void anAdminEvictsAnyCacheKeyOfTheDesignDocumentsPatterns() {
        String key = cached(CacheEntry.narrative(ExplorationCacheTest.unique("from"), "to", "influences"));

        Api.Response evicted = api.delete("/admin/cache/keys/" + key, ADMIN);
        Api.Response foreign = api.delete("/admin/cache/keys/rate-limit:" + newUser(), ADMIN);

        assertThat(evicted.status()).isEqualTo(204);
        assertThat(redis.exists(key)).isZero();
        assertThat(foreign.status()).isEqualTo(400);
    }

    @Test
    void everybodyElseGetsTheSameNotFoundAsForARouteThatDoesNotExist() {
        String nodeId = ExplorationCacheTest.unique("boards-of-canada");
        String key = cached(CacheEntry.pathway(NodeType.ARTIST, nodeId));
        String path = "/admin/cache/pathways/artist/" + nodeId;
        Api.Response unknownRoute = api.delete("/admin/cache/nothing-here/" + nodeId, newUser());

        for (Api.Response hidden : List.of(api.delete(path, newUser()), api.delete(path, null),
                api.get(path, ADMIN), api.post(path, ADMIN, Map.of()),
                api.delete("/admin/cache/keys/" + key, newUser()))) {
            assertThat(hidden.status()).as(hidden.toString()).isEqualTo(unknownRoute.status()).isEqualTo(404);
            assertThat(hidden.json().get("error").asText()).isEqualTo("Not found");
            assertThat(hidden.header("Content-Type")).isEqualTo(unknownRoute.header("Content-Type"));
        }
        assertThat(redis.exists(key)).isOne();
        assertThat(rows(key)).isOne();
    }

    @Test
    void theAdminRoutesAreLeftOutOfTheOpenApiDescription() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");

        paths.fieldNames().forEachRemaining(path -> assertThat(path).doesNotStartWith("/admin"));
    }

    private String cached(CacheEntry entry) {
        cache.getOrLoad(entry, Pathways.class, () -> new Pathways("cached", List.of()));
        return entry.key();
    }

    private long rows(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM journey_nodes_cache WHERE cache_key = ?", Long.class, key);
    }
}
