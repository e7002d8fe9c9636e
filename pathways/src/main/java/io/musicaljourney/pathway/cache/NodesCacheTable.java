package io.musicaljourney.pathway.cache;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The design document's {@code journey_nodes_cache} table. Its columns are {@code TIMESTAMP} without a time zone,
 * so every time is written and compared as UTC wall time, and "now" is always passed in (never the database's
 * {@code NOW()}): the application's clock decides expiry, which makes it testable and immune to the session's
 * time zone.
 */
public class NodesCacheTable {

    /** A live row: its JSON and when it stops being served (null: never). */
    public record Row(String json, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;

    public NodesCacheTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The design document's "Find Cached Node" query, with the time given. */
    public Optional<Row> find(String key, Instant now) {
        List<Row> rows = jdbc.query("""
                        SELECT node_data::text AS node_data, expires_at
                        FROM journey_nodes_cache
                        WHERE cache_key = ?
                          AND (expires_at IS NULL OR expires_at > ?)""",
                (resultSet, rowNumber) -> new Row(resultSet.getString("node_data"),
                        toInstant(resultSet.getTimestamp("expires_at"))),
                key, utc(now));
        return rows.stream().findFirst();
    }

    public void save(String key, String json, Instant cachedAt, Instant expiresAt) {
        jdbc.update("""
                        INSERT INTO journey_nodes_cache (cache_key, node_data, cached_at, expires_at)
                        VALUES (?, CAST(? AS jsonb), ?, ?)
                        ON CONFLICT (cache_key) DO UPDATE
                        SET node_data = EXCLUDED.node_data, cached_at = EXCLUDED.cached_at,
                            expires_at = EXCLUDED.expires_at""",
                key, json, utc(cachedAt), expiresAt == null ? null : utc(expiresAt));
    }

    public void delete(String key) {
        jdbc.update("DELETE FROM journey_nodes_cache WHERE cache_key = ?", key);
    }

    /**
     * Deletes up to {@code batchSize} rows that expired before {@code now}, oldest first (the range scan of
     * {@code idx_cache_expires_at}). {@code SKIP LOCKED} lets several instances clean at once without waiting
     * for each other, and never deletes a row another transaction is rewriting at that moment.
     *
     * @return how many rows were deleted
     */
    public int deleteExpired(Instant now, int batchSize) {
        return jdbc.update("""
                        DELETE FROM journey_nodes_cache
                        WHERE cache_key IN (
                            SELECT cache_key FROM journey_nodes_cache
                            WHERE expires_at < ?
                            ORDER BY expires_at
                            LIMIT ?
                            FOR UPDATE SKIP LOCKED)""",
                utc(now), batchSize);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant toInstant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
