package io.musicaljourney.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicaljourney.common.UserId;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peers for the benchmark ({@code bench/}, docs/benchmarks.md), present only under the Spring profile
 * {@code bench}: never in a normal start.
 *
 * <ul>
 *   <li>{@code POST /bench/crud/journeys/{id}/visits}: what the original CRUD backend did for a visit, one
 *   {@code UPDATE journeys SET nodes_visited = nodes_visited || ?::jsonb} per request, through the same HTTP stack
 *   (filters, bearer resolution, Jackson) as {@code POST /api/journeys/{id}/visits}.</li>
 *   <li>{@code POST /bench/append/journeys/{id}/visits}: P1's ceiling, the same HTTP stack storing an event-sized row
 *   with one {@code INSERT} and its commit into the benchmark's {@code bench_event_entry}, as P1's raw limit does,
 *   and nothing else (no aggregate, no read model): no route that stores a visit through this stack can be
 *   faster.</li>
 *   <li>{@code GET /bench/empty}: the HTTP stack alone, with the same bearer resolution and nothing else.</li>
 * </ul>
 */
@RestController
@Profile("bench")
@RequestMapping("/bench")
public class BenchPeerController {

    private static final String APPEND_VISIT = """
            UPDATE journeys SET nodes_visited = nodes_visited || CAST(? AS jsonb), updated_at = now()
            WHERE id = ? AND user_id = ?
            """;

    private static final String APPEND_EVENT = """
            INSERT INTO bench_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
              time_stamp, aggregate_identifier, sequence_number, type)
            VALUES (?, ?, ?, '1', 'io.musicaljourney.journey.event.NodeVisitedEvent', ?, ?, ?, 'Journey')
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AtomicLong appended = new AtomicLong();

    public BenchPeerController(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The same body as the real visit route; the entry has the projector's fields. */
    @PostMapping("/crud/journeys/{id}/visits")
    public ResponseEntity<Map<String, Object>> visit(UserId user, @PathVariable String id,
                                                     @RequestBody Map<String, Object> body) throws Exception {
        UUID journeyId = journeyIdOrNull(id);
        if (journeyId == null) {
            return ResponseEntity.notFound().build();
        }
        String array = json.writeValueAsString(json.createArrayNode().add(visitEntry(body)));
        int updated = jdbc.update(APPEND_VISIT, array, journeyId, user.value());
        if (updated == 0) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Map.of("journeyId", journeyId.toString()));
    }

    /** The same body again; the row has the size and shape of a stored {@code NodeVisitedEvent}. */
    @PostMapping("/append/journeys/{id}/visits")
    public ResponseEntity<Map<String, Object>> append(UserId user, @PathVariable String id,
                                                      @RequestBody Map<String, Object> body) throws Exception {
        UUID journeyId = journeyIdOrNull(id);
        if (journeyId == null) {
            return ResponseEntity.notFound().build();
        }
        ObjectNode payload = visitEntry(body);
        payload.put("journeyId", journeyId.toString());
        byte[] metaData = json.writeValueAsBytes(Map.of("userId", user.value(), "correlationId",
                UUID.randomUUID().toString(), "traceId", UUID.randomUUID().toString()));
        jdbc.update(APPEND_EVENT, UUID.randomUUID().toString(), metaData, json.writeValueAsBytes(payload),
                Instant.now().toString(), journeyId.toString(), appended.incrementAndGet());
        return ResponseEntity.ok(Map.of("journeyId", journeyId.toString()));
    }

    /** The path's journey id; null when it is no UUID, which the routes answer 404 as the real route does. */
    private static UUID journeyIdOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    private ObjectNode visitEntry(Map<String, Object> body) {
        ObjectNode entry = json.createObjectNode();
        entry.put("nodeId", text(body.get("nodeId")));
        entry.put("nodeType", text(body.get("nodeType")));
        entry.put("nodeName", text(body.get("nodeName")));
        entry.put("pathwayType", text(body.get("pathwayType")));
        entry.put("visitedAt", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        entry.put("parentNodeId", text(body.get("parentNodeId")));
        entry.put("narrative", text(body.get("narrative")));
        return entry;
    }

    @GetMapping("/empty")
    public ResponseEntity<Void> empty(UserId user) {
        return ResponseEntity.ok().build();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
