package io.musicaljourney.pathway.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * The fast tier in front of the {@code journey_nodes_cache} table: Redis when configured, an in-process cache
 * otherwise. Values are JSON text. Implementations never throw: a tier that cannot answer is a miss.
 */
public interface FirstTier {

    Optional<String> get(String key);

    void put(String key, String json, Duration ttl);

    /** @throws CacheUnavailableException when the key may still be held (operators must know) */
    void evict(String key);

    /** Whole seconds, at least one: Redis' {@code EX} takes seconds, and zero would mean "do not keep". */
    static Duration roundedTtl(Duration ttl) {
        return Duration.ofSeconds(Math.max(1, ttl.getSeconds()));
    }
}
