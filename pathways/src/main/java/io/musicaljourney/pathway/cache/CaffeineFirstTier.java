package io.musicaljourney.pathway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;

/**
 * Stands in for Redis on the embedded default: bounded, and each entry lives as long as its kind would in Redis
 * (pathways 1 hour, narratives 7 days...). Local to this process, which is all a single embedded instance needs.
 */
public class CaffeineFirstTier implements FirstTier {

    private record Held(String json, Duration ttl) {
    }

    private final Cache<String, Held> entries;

    public CaffeineFirstTier(long maxEntries) {
        this(maxEntries, Ticker.systemTicker());
    }

    CaffeineFirstTier(long maxEntries, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Held>() {
                    @Override
                    public long expireAfterCreate(String key, Held value, long currentTime) {
                        return value.ttl().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Held value, long currentTime, long currentDuration) {
                        return value.ttl().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Held value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key)).map(Held::json);
    }

    @Override
    public void put(String key, String json, Duration ttl) {
        entries.put(key, new Held(json, FirstTier.roundedTtl(ttl)));
    }

    @Override
    public void evict(String key) {
        entries.invalidate(key);
    }
}
