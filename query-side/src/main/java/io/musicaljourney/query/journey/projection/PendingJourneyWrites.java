package io.musicaljourney.query.journey.projection;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The projector's writes for one batch of events, held back until the batch commits and then written with as few
 * statements as possible: one insert per new journey, and for each journey one update that appends all its new
 * visits, tracks and narratives at once.
 *
 * <p>Writing each event as it comes costs a round trip (and a savepoint) per event, and every append rewrites the
 * journey's whole JSONB array, so a journey of 1,000 nodes was rewritten 1,000 times during a rebuild. Folded, it is
 * rewritten once per batch.
 *
 * <p>Idempotency is kept exactly: the rows' versions are read first and every event at or below a row's version is
 * dropped; what remains is written under the same {@code version < :sequence} guard as a single event would be.
 * Events other than appends (renames, removals, sharing, deletion) are written in order as their own statements, so
 * the order of a journey's changes never changes.
 */
final class PendingJourneyWrites {

    /** One event's change, in the order the events came. */
    record Write(UUID journey, long sequence, String sql, MapSqlParameterSource parameters, Kind kind, String entry) {
    }

    enum Kind {
        INSERT, VISIT, TRACK, NARRATIVE, OTHER
    }

    private final Map<UUID, List<Write>> byJourney = new LinkedHashMap<>();

    void add(Write write) {
        byJourney.computeIfAbsent(write.journey(), id -> new ArrayList<>()).add(write);
    }

    boolean isEmpty() {
        return byJourney.isEmpty();
    }

    Iterable<UUID> journeys() {
        return byJourney.keySet();
    }

    /** Writes everything into {@code table}, inserts first, then one folded update per journey where possible. */
    void flush(NamedParameterJdbcTemplate jdbc, String table) {
        Map<UUID, Long> versions = currentVersions(jdbc, table);
        List<Write> inserts = new ArrayList<>();
        Map<String, List<SqlParameterSource>> folded = new LinkedHashMap<>();
        List<List<Write>> inOrder = new ArrayList<>();
        byJourney.forEach((journey, writes) -> {
            Long version = versions.get(journey);
            List<Write> remaining = new ArrayList<>();
            for (Write write : writes) {
                // What the row already holds was written by an earlier delivery of the same event.
                if (version == null || write.sequence() > version) {
                    remaining.add(write);
                }
            }
            if (!remaining.isEmpty() && remaining.get(0).kind() == Kind.INSERT) {
                inserts.add(remaining.remove(0));
            }
            if (remaining.isEmpty()) {
                return;
            }
            if (remaining.stream().allMatch(write -> write.kind() != Kind.OTHER && write.kind() != Kind.INSERT)) {
                Fold fold = Fold.of(remaining);
                folded.computeIfAbsent(fold.sql(), sql -> new ArrayList<>()).add(fold.parameters());
            } else {
                inOrder.add(remaining);
            }
        });
        if (!inserts.isEmpty()) {
            // All inserts share one statement, so they go to the database as one batch.
            jdbc.batchUpdate(sql(inserts.get(0).sql(), table),
                    inserts.stream().map(Write::parameters).toArray(SqlParameterSource[]::new));
        }
        folded.forEach((sql, parameters) ->
                jdbc.batchUpdate(sql(sql, table), parameters.toArray(SqlParameterSource[]::new)));
        for (List<Write> writes : inOrder) {
            writeInOrder(jdbc, table, writes);
        }
    }

    /** A journey with other changes among its appends: runs of appends folded, everything else one by one. */
    private static void writeInOrder(NamedParameterJdbcTemplate jdbc, String table, List<Write> writes) {
        List<Write> run = new ArrayList<>();
        for (Write write : writes) {
            if (write.kind() == Kind.OTHER || write.kind() == Kind.INSERT) {
                flushRun(jdbc, table, run);
                jdbc.update(sql(write.sql(), table), write.parameters());
            } else {
                run.add(write);
            }
        }
        flushRun(jdbc, table, run);
    }

    private static void flushRun(NamedParameterJdbcTemplate jdbc, String table, List<Write> run) {
        if (!run.isEmpty()) {
            Fold fold = Fold.of(run);
            jdbc.update(sql(fold.sql(), table), fold.parameters());
            run.clear();
        }
    }

    /**
     * The versions of the rows of journeys with more than one write. A single write needs none: its own guard is
     * exact, and live traffic is mostly one event per journey per batch, so this saves the query there.
     */
    private Map<UUID, Long> currentVersions(NamedParameterJdbcTemplate jdbc, String table) {
        Map<UUID, Long> versions = new HashMap<>();
        Object[] several = byJourney.entrySet().stream().filter(journey -> journey.getValue().size() > 1)
                .map(Map.Entry::getKey).toArray();
        if (several.length == 0) {
            return versions;
        }
        jdbc.getJdbcTemplate().query(connection -> {
            Array ids = connection.createArrayOf("uuid", several);
            var statement = connection.prepareStatement("SELECT id, version FROM " + table + " WHERE id = ANY (?)");
            statement.setArray(1, ids);
            return statement;
        }, row -> {
            versions.put(row.getObject(1, UUID.class), row.getLong(2));
        });
        return versions;
    }

    private static String sql(String statement, String table) {
        return statement.replace("{table}", table);
    }

    /**
     * Consecutive appends of one journey as one guarded update: the row must be older than the first of them, and
     * ends at the last one's version and time. Only the columns that change are named, so an unchanged large array
     * is not rewritten.
     */
    private record Fold(String sql, MapSqlParameterSource parameters) {

        static Fold of(List<Write> run) {
            Write first = run.get(0);
            Write last = run.get(run.size() - 1);
            StringBuilder visits = new StringBuilder();
            StringBuilder tracks = new StringBuilder();
            StringBuilder narratives = new StringBuilder();
            for (Write write : run) {
                StringBuilder target = switch (write.kind()) {
                    case VISIT -> visits;
                    case TRACK -> tracks;
                    default -> narratives;
                };
                // Each entry is a one-element JSON array as the projector renders it: its element joins the others.
                String element = write.entry().substring(1, write.entry().length() - 1);
                if (!target.isEmpty()) {
                    target.append(',');
                }
                target.append(element);
            }
            MapSqlParameterSource parameters = new MapSqlParameterSource()
                    .addValue("id", first.parameters().getValue("id"))
                    .addValue("first", first.sequence())
                    .addValue("sequence", last.sequence())
                    .addValue("at", last.parameters().getValue("at"));
            List<String> changes = new ArrayList<>();
            append(changes, parameters, "nodes_visited", "visits", visits);
            append(changes, parameters, "tracks", "tracks", tracks);
            append(changes, parameters, "narratives", "narratives", narratives);
            String sql = "UPDATE {table} SET " + String.join(", ", changes)
                    + ", version = :sequence, updated_at = CAST(:at AS timestamp) WHERE id = :id AND version < :first";
            return new Fold(sql, parameters);
        }

        private static void append(List<String> changes, MapSqlParameterSource parameters, String column,
                                   String name, StringBuilder elements) {
            if (!elements.isEmpty()) {
                changes.add(column + " = " + column + " || CAST(:" + name + " AS jsonb)");
                parameters.addValue(name, "[" + elements + "]");
            }
        }
    }
}
