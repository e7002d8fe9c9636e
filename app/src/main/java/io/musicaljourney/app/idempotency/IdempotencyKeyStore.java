package io.musicaljourney.app.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * The keys and the results they stand for, in PostgreSQL ({@code idempotency_keys}, migration V11), so every
 * instance sees the same keys. Times are the database's, so instances with skewed clocks agree on expiry.
 */
public class IdempotencyKeyStore {

    /** What a request with a key may do. */
    public sealed interface Claim {
    }

    /** The key is new (or expired, or abandoned by the same request): this request runs and records its result. */
    public record Execute() implements Claim {
    }

    /** The same request ran before: its result, to be sent again. */
    public record Replay(int status, Map<String, String> headers, byte[] body) implements Claim {
    }

    /** The same request is running right now. */
    public record InProgress() implements Claim {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Claim {
    }

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final IdempotencyProperties properties;

    public IdempotencyKeyStore(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /**
     * One atomic statement decides who runs: the insert (or the takeover of an expired key, or of one left in
     * progress past the lock timeout by the very same request) succeeds for exactly one of any concurrent requests.
     */
    public Claim claim(String user, String key, String fingerprint) {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<Boolean> claimed = jdbc.queryForList("""
                    INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, state, created_at,
                                                  locked_until, expires_at)
                    VALUES (?, ?, ?, 'in_progress', now(), now() + make_interval(secs => ?),
                            now() + make_interval(secs => ?))
                    ON CONFLICT (user_id, idempotency_key) DO UPDATE
                       SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL,
                           response_headers = NULL, response_body = NULL, created_at = EXCLUDED.created_at,
                           locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
                     WHERE idempotency_keys.expires_at <= now()
                        OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until <= now()
                            AND idempotency_keys.request_hash = EXCLUDED.request_hash)
                    RETURNING true
                    """, Boolean.class, user, key, fingerprint, seconds(properties.lockTimeout()),
                    seconds(properties.ttl()));
            if (!claimed.isEmpty()) {
                return new Execute();
            }
            List<Claim> existing = jdbc.query("""
                    SELECT request_hash, state, response_status, response_headers, response_body
                      FROM idempotency_keys
                     WHERE user_id = ? AND idempotency_key = ? AND expires_at > now()
                    """, (row, n) -> {
                if (!fingerprint.equals(row.getString("request_hash"))) {
                    return new Mismatch();
                }
                if (!"completed".equals(row.getString("state"))) {
                    return new InProgress();
                }
                return new Replay(row.getInt("response_status"), headers(row.getString("response_headers")),
                        row.getBytes("response_body"));
            }, user, key);
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            // Expired between the two statements: claim again.
        }
        return new InProgress();
    }

    public void complete(String user, String key, int status, Map<String, String> headers, byte[] body) {
        jdbc.update("""
                UPDATE idempotency_keys
                   SET state = 'completed', response_status = ?, response_headers = ?, response_body = ?,
                       locked_until = now()
                 WHERE user_id = ? AND idempotency_key = ? AND state = 'in_progress'
                """, status, write(headers), body, user, key);
    }

    /** Forgets a claim whose request ended without a result worth replaying, so a retry runs it again. */
    public void release(String user, String key) {
        jdbc.update("DELETE FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ? AND state = 'in_progress'",
                user, key);
    }

    /** @return the number of expired keys deleted */
    public int deleteExpired() {
        return jdbc.update("DELETE FROM idempotency_keys WHERE expires_at <= now()");
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Map<String, String> headers(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, HEADERS);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("Unreadable stored headers", corrupt);
        }
    }
}
