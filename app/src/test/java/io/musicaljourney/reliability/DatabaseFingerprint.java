package io.musicaljourney.reliability;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * A digest of everything a request could change for good: the event store, the journeys read model, the
 * exploration cache table, parked (dead-letter) events and stored idempotency results. Equal digests before and
 * after a request mean it changed nothing.
 */
final class DatabaseFingerprint {

    private static final String SQL = """
            SELECT (SELECT count(*) || ':' || coalesce(md5(string_agg(global_index || '/' || aggregate_identifier
                        || '/' || sequence_number || '/' || md5(payload), ',' ORDER BY global_index)), '')
                    FROM domain_event_entry)
                || '|' || (SELECT count(*) || ':' || coalesce(md5(string_agg(j::text, ',' ORDER BY j.id)), '')
                    FROM journeys j)
                || '|' || (SELECT count(*) || ':' || coalesce(md5(string_agg(c.cache_key || c.node_data::text, ','
                        ORDER BY c.cache_key)), '') FROM journey_nodes_cache c)
                || '|' || (SELECT count(*) FROM dead_letter_entry)
                || '|' || CASE WHEN to_regclass('idempotency_keys') IS NULL THEN ''
                    ELSE (SELECT query_to_xml('SELECT count(*) AS n, md5(string_agg(user_id || idempotency_key
                        || state, '','' ORDER BY user_id, idempotency_key)) AS d FROM idempotency_keys',
                        false, false, '')::text) END
            """;

    private final JdbcTemplate jdbc;

    DatabaseFingerprint(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String take() {
        return jdbc.queryForObject(SQL, String.class);
    }

    /** Waits until earlier work (projections of earlier requests) has settled: two equal digests in a row. */
    String settled() {
        AtomicReference<String> previous = new AtomicReference<>("");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> previous.getAndSet(take()).equals(previous.get()));
        return previous.get();
    }
}
