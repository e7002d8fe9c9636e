package io.musicaljourney.pathway.cache;

import java.util.function.Supplier;

/**
 * The two-level cache in front of the catalog and the model: Redis, then the {@code journey_nodes_cache} table
 * (refilling Redis), then the loader (filling both). Concurrent misses of one key make one call to the loader.
 * Only values shared by all users belong here; nothing fetched with one user's credentials does.
 */
public interface ExplorationCache {

    /**
     * @param loader asked only on a miss in every tier; what it returns is cached, what it throws is not
     */
    <T> T getOrLoad(CacheEntry entry, Class<T> type, Supplier<T> loader);

    /** Removes the key from every tier (operators evicting a node). */
    void evict(String key);
}
