package io.musicaljourney.pathway.cache;

import io.musicaljourney.journey.NodeType;

import java.time.Duration;
import java.util.Objects;

/**
 * A cached value's key and lifetimes, with the key patterns and TTLs of the design document.
 *
 * @param redisTtl how long Redis keeps it
 * @param tableTtl how long the {@code journey_nodes_cache} table keeps it; null when the table does not hold this kind
 */
public record CacheEntry(String key, Duration redisTtl, Duration tableTtl) {

    public CacheEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(redisTtl, "redisTtl");
    }

    /** {@code pathway:{type}:{id}}: Redis 1 hour, table 24 hours. */
    public static CacheEntry pathway(NodeType type, String nodeId) {
        return new CacheEntry("pathway:" + type.wireName() + ":" + nodeId, Duration.ofHours(1), Duration.ofHours(24));
    }

    /** {@code narrative:{fromId}:{toId}:{type}}: 7 days. */
    public static CacheEntry narrative(String fromId, String toId, String type) {
        return new CacheEntry("narrative:" + fromId + ":" + toId + ":" + type, Duration.ofDays(7), null);
    }

    /** {@code spotify:artist:{id}}: 24 hours. */
    public static CacheEntry spotifyArtist(String id) {
        return new CacheEntry("spotify:artist:" + id, Duration.ofHours(24), null);
    }

    /** {@code spotify:track:{id}}: 24 hours. */
    public static CacheEntry spotifyTrack(String id) {
        return new CacheEntry("spotify:track:" + id, Duration.ofHours(24), null);
    }
}
