package io.musicaljourney.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Reads a test database directly, beside the service: the event store is the truth, and what the service
 * acknowledged, the {@code journeys} rows and the service's own answers are all checked against it.
 */
final class EventStoreAudit {

    /** One journey as the event store tells it: its last sequence number and how many of each event it has. */
    record Folded(long lastSequence, int visits, int tracks) {
    }

    record Row(String user, long version, int visits, int tracks, String nodesVisited, String trackList,
               String title) {
    }

    private final String url;

    EventStoreAudit(String url) {
        this.url = url;
    }

    /** Per journey, folded from {@code domain_event_entry} without any of the service's code. */
    Map<String, Folded> fold() {
        Map<String, Folded> folded = new HashMap<>();
        query("""
                SELECT aggregate_identifier, max(sequence_number),
                       count(*) FILTER (WHERE payload_type LIKE '%.NodeVisitedEvent'),
                       count(*) FILTER (WHERE payload_type LIKE '%.TrackAddedEvent')
                FROM domain_event_entry GROUP BY aggregate_identifier""", rows -> {
            while (rows.next()) {
                folded.put(rows.getString(1), new Folded(rows.getLong(2), rows.getInt(3), rows.getInt(4)));
            }
        });
        return folded;
    }

    Map<String, Row> rows() {
        Map<String, Row> rows = new HashMap<>();
        query("""
                SELECT id::text, user_id, version, jsonb_array_length(nodes_visited), jsonb_array_length(tracks),
                       nodes_visited::text, tracks::text, title
                FROM journeys""", result -> {
            while (result.next()) {
                rows.put(result.getString(1), new Row(result.getString(2), result.getLong(3), result.getInt(4),
                        result.getInt(5), result.getString(6), result.getString(7), result.getString(8)));
            }
        });
        return rows;
    }

    /** The payload type and JSON of every event, by journey and sequence number. */
    Map<String, String> events() {
        Map<String, String> events = new HashMap<>();
        query("SELECT aggregate_identifier, sequence_number, payload_type, convert_from(payload, 'UTF8')"
                + " FROM domain_event_entry", rows -> {
            while (rows.next()) {
                events.put(rows.getString(1) + "#" + rows.getLong(2), rows.getString(3) + " " + rows.getString(4));
            }
        });
        return events;
    }

    long eventCount() {
        long[] count = new long[1];
        query("SELECT count(*) FROM domain_event_entry", rows -> {
            rows.next();
            count[0] = rows.getLong(1);
        });
        return count[0];
    }

    /** Who holds each segment of the journeys processor (null: nobody). */
    Map<Integer, String> segmentOwners() {
        Map<Integer, String> owners = new HashMap<>();
        query("SELECT segment, owner FROM token_entry WHERE processor_name = 'journeys'", rows -> {
            while (rows.next()) {
                owners.put(rows.getInt(1), rows.getString(2));
            }
        });
        return owners;
    }

    /** Waits until every journey's row shows its last event (and no row lacks events). */
    void awaitProjectionCaughtUp(Duration atMost) {
        await("the journeys projection catching up with the event store").atMost(atMost)
                .pollInterval(Duration.ofMillis(250)).until(() -> foldMismatches().isEmpty());
    }

    /** Differences between the rows and a fold of the events: none when the projection is complete and exact. */
    List<String> foldMismatches() {
        Map<String, Folded> folded = fold();
        Map<String, Row> rows = rows();
        List<String> mismatches = new ArrayList<>();
        folded.forEach((journey, truth) -> {
            Row row = rows.get(journey);
            if (row == null) {
                mismatches.add(journey + ": no row for " + truth);
            } else if (row.version() != truth.lastSequence() || row.visits() != truth.visits()
                    || row.tracks() != truth.tracks()) {
                mismatches.add(journey + ": row version " + row.version() + ", " + row.visits() + " visits, "
                        + row.tracks() + " tracks; events say " + truth);
            }
        });
        rows.keySet().stream().filter(id -> !folded.containsKey(id))
                .forEach(id -> mismatches.add(id + ": a row without events"));
        return mismatches;
    }

    /** Acknowledged commands whose event is not in the store, or whose effect is not in the row. */
    List<String> lost(List<CommandLoad.Ack> acks) {
        Map<String, String> events = events();
        Map<String, Row> rows = rows();
        List<String> lost = new ArrayList<>();
        for (CommandLoad.Ack ack : acks) {
            String event = events.get(ack.journeyId() + "#" + ack.version());
            String type = event == null ? "" : event.substring(0, event.indexOf(' '));
            if (!type.endsWith("." + ack.kind().event) || !event.contains("\"" + ack.element() + "\"")) {
                lost.add("not in the event store: " + ack + " (found " + event + ")");
                continue;
            }
            Row row = rows.get(ack.journeyId());
            if (row == null || row.version() < ack.version() || !shows(row, ack)) {
                lost.add("not in the projection: " + ack + " (row " + row + ")");
            }
        }
        return lost;
    }

    /** Refused commands whose event is in the store all the same: a refusal must append nothing. */
    List<String> storedDespiteRefusal(List<CommandLoad.Refusal> refusals) {
        Map<String, String> events = events();
        Map<String, Row> rows = rows();
        List<String> stored = new ArrayList<>();
        for (CommandLoad.Refusal refusal : refusals) {
            String quoted = "\"" + refusal.element() + "\"";
            // Titles are personal data, encrypted in the store; the projected row shows a stored start in clear.
            boolean started = refusal.kind() == CommandLoad.Kind.START
                    && rows.values().stream().anyMatch(row -> refusal.element().equals(row.title()));
            boolean found = started || events.entrySet().stream()
                    .filter(event -> refusal.journeyId() == null || event.getKey().startsWith(refusal.journeyId() + "#"))
                    .anyMatch(event -> event.getValue().contains(quoted)
                            && event.getValue().contains("." + refusal.kind().event + " "));
            if (found) {
                stored.add(refusal.toString());
            }
        }
        return stored;
    }

    private static boolean shows(Row row, CommandLoad.Ack ack) {
        return switch (ack.kind()) {
            case START -> true;
            case VISIT -> row.nodesVisited().contains("\"" + ack.element() + "\"");
            case TRACK -> row.trackList().contains("\"" + ack.element() + "\"");
        };
    }

    /**
     * Compares each journey's detail, served from its row, with the service's fold of its events at the last
     * version ({@code as-of}); both must be the same document.
     */
    List<String> detailDiffersFromFold(Api api) {
        List<String> differences = new ArrayList<>();
        rows().forEach((journey, row) -> {
            Api.Response detail = api.get("/api/journeys/" + journey, row.user());
            Api.Response asOf = api.get("/api/journeys/" + journey + "/as-of?version=" + row.version(), row.user());
            if (detail.status() != 200 || asOf.status() != 200) {
                differences.add(journey + ": detail " + detail + ", as-of " + asOf);
                return;
            }
            JsonNode projected = detail.json().get("journey");
            JsonNode replayed = asOf.json().get("journey");
            if (!projected.equals(replayed)) {
                differences.add(journey + ":\n  row   " + projected + "\n  fold  " + replayed);
            }
        });
        return differences;
    }

    private interface RowsReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, RowsReader reader) {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.USER, "");
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            reader.read(rows);
        } catch (SQLException failure) {
            throw new IllegalStateException(sql, failure);
        }
    }
}
