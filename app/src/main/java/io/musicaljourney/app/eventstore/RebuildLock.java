package io.musicaljourney.app.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PostgreSQL advisory lock that a running rebuild of a projection holds for its whole duration, on a connection
 * of its own (the server releases it if that instance dies): one rebuild at a time in the deployment, and no
 * resizing of the live processor's segments meanwhile ({@link SegmentSizer}), since the rebuild's switch replaces
 * the live processor's token rows.
 */
public final class RebuildLock {

    /** "JREB". */
    public static final long KEY = 0x4A524542L;

    private RebuildLock() {
    }

    /** Whether any instance on this database holds the lock now. */
    public static boolean heldAnywhere(JdbcTemplate jdbc) {
        Boolean held = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                               AND classid::bigint = 0 AND objid::bigint = ? AND objsubid = 1)
                """, Boolean.class, KEY);
        return Boolean.TRUE.equals(held);
    }
}
