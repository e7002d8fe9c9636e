package io.musicaljourney.pathway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.musicaljourney.pathway.cache.RedisGuard;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Buckets kept in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap on one key per subject,
 * {@code rate-limit:{subject}}, expiring a second after a bucket would be full again), so every instance counts against the
 * same allowance. The Lettuce connection is Boot's client (same server, database, timeouts and reconnection),
 * opened on first use, so Redis being down at start costs nothing but a retry later.
 *
 * <p>Each request that asks Redis costs two round trips (the bucket's read, then its compare-and-swap), twice what a
 * pathway answered from Redis costs itself. So an instance keeps each busy subject's bucket in memory with Bucket4j's
 * delaying optimisation: it grants up to {@link RateLimitProperties#unsynchronizedTokens()} from its copy and for at
 * most {@link RateLimitProperties#unsynchronizedTime()}, then hands Redis what it granted in the round trips of the
 * next request. A subject making one request a second or fewer asks Redis every time, as before.
 */
class RedisBuckets implements DisposableBean {

    static final String KEY_PREFIX = "rate-limit:";

    private final LettuceConnectionFactory connectionFactory;
    private final RedisGuard guard;
    private final BucketConfiguration configuration;
    private final Duration requestTimeout;
    private final DelayParameters delay;
    private final Cache<String, BucketProxy> delayed;
    private volatile ProxyManager<String> proxies;
    private StatefulConnection<String, byte[]> connection;

    RedisBuckets(LettuceConnectionFactory connectionFactory, RedisGuard guard, RateLimitProperties properties,
                 Duration requestTimeout) {
        this.connectionFactory = connectionFactory;
        this.guard = guard;
        this.configuration = BucketRateLimiter.configuration(properties);
        this.requestTimeout = requestTimeout;
        boolean delaying = properties.unsynchronizedTokens() > 0 && !properties.unsynchronizedTime().isZero();
        this.delay = delaying
                ? new DelayParameters(properties.unsynchronizedTokens(), properties.unsynchronizedTime()) : null;
        // A copy idle for a period holds nothing Redis needs: its grants were handed over by then or the bucket
        // in Redis is full again.
        this.delayed = delaying
                ? Caffeine.newBuilder()
                        .maximumSize(properties.localMaxSubjects())
                        .expireAfterAccess(properties.period())
                        .<String, BucketProxy>build()
                : null;
    }

    /** @return the probe, or empty when Redis is being skipped or failed (the caller falls back to local buckets) */
    Optional<ConsumptionProbe> tryConsume(String subject) {
        return guard.call("rate limit", () -> bucket(KEY_PREFIX + subject).tryConsumeAndReturnRemaining(1));
    }

    private BucketProxy bucket(String key) {
        ProxyManager<String> manager = proxies();
        if (delayed == null) {
            return manager.getProxy(key, () -> configuration);
        }
        return delayed.get(key, k -> manager.builder()
                .withOptimization(Optimizations.delaying(delay))
                .build(k, () -> configuration));
    }

    /**
     * Opens the connection now rather than on the first request, so that request does not pay for it (and fall
     * back to local buckets if it takes longer than the timeout). If Redis is down, the next request tries again.
     */
    void warmUp() {
        guard.call("connect", this::proxies);
    }

    private ProxyManager<String> proxies() {
        ProxyManager<String> current = proxies;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (proxies == null) {
                proxies = connect();
            }
            return proxies;
        }
    }

    private ProxyManager<String> connect() {
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> clusterConnection = cluster.connect(codec);
            connection = clusterConnection;
            builder = Bucket4jLettuce.casBasedBuilder(clusterConnection);
        } else {
            StatefulRedisConnection<String, byte[]> standalone = ((RedisClient) client).connect(codec);
            // Lettuce remembers the selected database and selects it again after a reconnection.
            if (connectionFactory.getDatabase() != 0) {
                standalone.sync().select(connectionFactory.getDatabase());
            }
            connection = standalone;
            builder = Bucket4jLettuce.casBasedBuilder(standalone);
        }
        return builder
                // A bucket left alone until it is full again is the same as no bucket: let Redis drop it then.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(1)))
                .requestTimeout(requestTimeout)
                .build();
    }

    @Override
    public synchronized void destroy() {
        if (connection != null) {
            connection.close();
        }
    }
}
