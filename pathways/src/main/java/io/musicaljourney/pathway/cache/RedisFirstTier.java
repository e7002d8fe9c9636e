package io.musicaljourney.pathway.cache;

import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.Optional;

/** The design document's Redis tier: plain string keys ({@code pathway:artist:...}) holding JSON, {@code SET ... EX}. */
public class RedisFirstTier implements FirstTier {

    private final StringRedisTemplate redis;
    private final RedisGuard guard;

    public RedisFirstTier(StringRedisTemplate redis, RedisGuard guard) {
        this.redis = redis;
        this.guard = guard;
    }

    @Override
    public Optional<String> get(String key) {
        return guard.call("GET", () -> redis.opsForValue().get(key));
    }

    @Override
    public void put(String key, String json, Duration ttl) {
        // Whole seconds make Spring Data send SET key value EX seconds, as the design document's TTLs are given.
        guard.run("SET", () -> redis.opsForValue().set(key, json, FirstTier.roundedTtl(ttl)));
    }

    @Override
    public void evict(String key) {
        guard.runNow("DEL", () -> redis.delete(key));
    }
}
