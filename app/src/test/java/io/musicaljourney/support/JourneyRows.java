package io.musicaljourney.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The {@code journeys} table as text, to compare a rebuilt table with the one before. */
public final class JourneyRows {

    /** Every row the event store accounts for (tests that feed the projector directly leave rows it does not). */
    private static final String DUMP = """
            SELECT row_to_json(j)::text FROM journeys j
            WHERE j.id::text IN (SELECT aggregate_identifier FROM domain_event_entry)
            ORDER BY j.id
            """;

    private JourneyRows() {
    }

    public static List<String> all(JdbcTemplate jdbc) {
        return jdbc.queryForList(DUMP, String.class);
    }

    public static String of(JdbcTemplate jdbc, String journey) {
        return jdbc.queryForObject("SELECT row_to_json(j)::text FROM journeys j WHERE id = ?::uuid", String.class,
                journey);
    }
}
