package io.musicaljourney.app.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.musicaljourney.common.UserId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The per-user keys of crypto-shredding ({@code personal_data_keys}, V5).
 *
 * <p>A key is created in a transaction of its own and committed before anything is encrypted with it: were it
 * created inside the transaction that appends events, a rolled-back append could leave a cached key that was never
 * stored, and whatever was encrypted with it later would be lost. Keys are cached for
 * {@code journey.privacy.key-cache-ttl}; after a user is deleted, another instance may still decrypt their events for
 * at most that long.
 */
@Component
public class PersonalDataKeys {

    /** A user's key and the id that ciphertexts carry instead of the user id. */
    public record UserKey(UUID id, SecretKey key) {
    }

    private static final String INSERT = "INSERT INTO personal_data_keys (user_id, key_id, key_material, created_at) "
            + "VALUES (?, ?, ?, now()) ON CONFLICT (user_id) DO NOTHING";
    private static final String BY_USER = "SELECT key_id, key_material FROM personal_data_keys WHERE user_id = ?";
    private static final String BY_ID = "SELECT key_material FROM personal_data_keys WHERE key_id = ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, UserKey> byUser;
    private final Cache<UUID, Optional<SecretKey>> byId;

    public PersonalDataKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                            @Value("${journey.privacy.key-cache-ttl:60s}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.byUser = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheTtl).build();
        this.byId = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheTtl).build();
    }

    /**
     * The user's key, created (and committed) on first use. Commands ask for it before they are handled
     * ({@code CommandMetadataInterceptor}), so the append that encrypts finds it committed and needs no second
     * connection.
     */
    public UserKey keyOf(UserId user) {
        return byUser.get(user.value(), id -> stored(id).orElseGet(() -> ownTransaction.execute(status -> {
            byte[] material = new byte[32];
            random.nextBytes(material);
            jdbc.update(INSERT, id, UUID.randomUUID(), material);
            return stored(id).orElseThrow();
        })));
    }

    private Optional<UserKey> stored(String userId) {
        return jdbc.query(BY_USER, (row, n) -> new UserKey(row.getObject("key_id", UUID.class),
                aes(row.getBytes("key_material"))), userId).stream().findFirst();
    }

    /** Empty once the key's user was deleted. */
    public Optional<SecretKey> key(UUID keyId) {
        return byId.get(keyId, id -> {
            List<byte[]> material = jdbc.queryForList(BY_ID, byte[].class, id);
            return material.isEmpty() ? Optional.empty() : Optional.of(aes(material.get(0)));
        });
    }

    /** Destroys the user's key: whatever was encrypted with it can no longer be read. */
    public boolean destroy(UserId user) {
        List<UUID> ids = jdbc.queryForList("DELETE FROM personal_data_keys WHERE user_id = ? RETURNING key_id",
                UUID.class, user.value());
        byUser.invalidate(user.value());
        ids.forEach(byId::invalidate);
        return !ids.isEmpty();
    }

    private static SecretKey aes(byte[] material) {
        return new SecretKeySpec(material, "AES");
    }
}
