package io.musicaljourney.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.musicaljourney.support.Api.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Journeys whose events, together, are one of every journey event type: what a rebuild must reproduce. */
public final class EveryEventType {

    private EveryEventType() {
    }

    /**
     * Three journeys of a new user through the HTTP routes: one with every change, one shared then revoked, one
     * deleted. Returns the ids of the two that keep a row.
     */
    public static List<String> journeys(Api api, JdbcTemplate jdbc) {
        String alice = "user-" + UUID.randomUUID();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Every event")).json().get("id").asText();
        String base = "/api/journeys/" + id;
        ok(api.post(base + "/visits", alice, JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID)));
        ok(api.post(base + "/visits", alice, JourneyRequests.visit("charley-patton", "Charley Patton", "son-house")));
        ok(api.post(base + "/tracks", alice, JourneyRequests.track("death-letter", "Death Letter", "son-house")));
        ok(api.post(base + "/tracks", alice, JourneyRequests.track("pony-blues", "Pony Blues", "charley-patton")));
        ok(api.delete(base + "/tracks/pony-blues", alice));
        ok(api.post(base + "/narratives", alice, Map.of("fromNodeId", JourneyRequests.START_ID,
                "toNodeId", "son-house", "pathwayType", "influences", "narrative", "Son House taught him.")));
        ok(api.put(base + "/title", alice, Map.of("title", "Every event, renamed")));
        ok(api.put(base + "/graph", alice, Map.of("graph", Map.of("nodes", List.of(Map.of("id", "n1")),
                "edges", List.of()))));
        ok(api.post(base + "/share", alice, Map.of()));
        ok(api.post(base + "/share/rotate", alice, Map.of()));
        // Removing a visited node: the whole-journey save without it.
        JsonNode current = api.get(base, alice).json().get("journey");
        List<Object> kept = new ArrayList<>();
        current.get("nodes_visited").forEach(node -> {
            if (!"charley-patton".equals(node.get("nodeId").asText())) {
                kept.add(Map.of("nodeId", node.get("nodeId").asText(), "nodeType", "artist",
                        "nodeName", node.get("nodeName").asText(), "pathwayType", "influences"));
            }
        });
        ok(api.patch(base, alice, Map.of("nodesVisited", kept)));
        String second = api.post("/api/journeys", alice, JourneyRequests.create("Shared then revoked"))
                .json().get("id").asText();
        ok(api.post("/api/journeys/" + second + "/share", alice, Map.of()));
        ok(api.delete("/api/journeys/" + second + "/share", alice));
        String deleted = api.post("/api/journeys", alice, JourneyRequests.create("Gone")).json().get("id").asText();
        ok(api.delete("/api/journeys/" + deleted, alice));

        List<String> types = jdbc.queryForList("""
                SELECT DISTINCT payload_type FROM domain_event_entry WHERE aggregate_identifier IN (?, ?, ?)
                """, String.class, id, second, deleted);
        assertThat(types.stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList())
                .containsExactlyInAnyOrder("JourneyStartedEvent", "NodeVisitedEvent", "NodeVisitRemovedEvent",
                        "TrackAddedEvent", "TrackRemovedEvent", "NarrativeRecordedEvent", "JourneyRenamedEvent",
                        "JourneyGraphSavedEvent", "JourneySharedEvent", "ShareTokenRotatedEvent",
                        "JourneyUnsharedEvent", "JourneyDeletedEvent");
        return List.of(id, second);
    }

}
