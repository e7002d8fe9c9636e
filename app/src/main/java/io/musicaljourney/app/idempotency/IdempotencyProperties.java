package io.musicaljourney.app.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code journey.idempotency.*}.
 *
 * @param ttl             how long a key's first result is kept and replayed; after that the key is forgotten
 * @param lockTimeout     how long a request may hold its key "in progress" before a retry with the same request
 *                        may take over (an instance that died mid-request); longer than any command can take,
 *                        including a generated narrative
 * @param cleanupInterval how often expired keys are deleted
 */
@ConfigurationProperties("journey.idempotency")
public record IdempotencyProperties(Duration ttl, Duration lockTimeout, Duration cleanupInterval) {

    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        lockTimeout = lockTimeout == null ? Duration.ofMinutes(2) : lockTimeout;
        cleanupInterval = cleanupInterval == null ? Duration.ofMinutes(10) : cleanupInterval;
    }
}
