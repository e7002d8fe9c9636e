package io.musicaljourney.query.journey.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;

import java.time.Instant;
import java.util.Map;

/**
 * The JSON the projector writes into the {@code journeys} JSONB columns: the entries of {@code nodes_visited},
 * {@code tracks} and {@code narratives} with exactly the design document's fields, and the graph object.
 *
 * <p>Each entry is rendered as a JSON array of one element, ready for {@code column || CAST(? AS jsonb)}. The
 * design's fields come first and are always present (JSON null when absent), so every reader can rely on the
 * documented shape; the client's extra fields follow, but never replace a design field of the same name.
 *
 * <p>Public because the history's {@code JourneyFold} builds its entries with this same code, so that a journey
 * folded in memory and the projected row hold the same JSON.
 */
public final class JourneyEntries {

    private final ObjectMapper json;

    public JourneyEntries(ObjectMapper json) {
        this.json = json;
    }

    public String visitedNode(NodeVisitedEvent event, Instant visitedAt) {
        ObjectNode entry = json.createObjectNode()
                .put("nodeId", event.node().id().value())
                .put("nodeType", event.node().type().wireName())
                .put("nodeName", event.node().name())
                .put("pathwayType", wireName(event.pathwayType()))
                .put("visitedAt", visitedAt.toString())
                .put("parentNodeId", value(event.parentNodeId()))
                .put("narrative", event.narrative());
        return arrayOf(withAttributes(entry, event.clientFields()));
    }

    public String collectedTrack(TrackAddedEvent event, Instant addedAt) {
        TrackRef track = event.track();
        ObjectNode entry = json.createObjectNode()
                .put("trackId", track.id().value())
                .put("trackName", track.name())
                .put("artistName", track.artistName())
                .put("albumName", track.albumName())
                .put("previewUrl", track.previewUrl())
                .put("addedAt", addedAt.toString())
                .put("fromNodeId", value(event.fromNodeId()));
        return arrayOf(withAttributes(entry, event.attributes()));
    }

    public String recordedNarrative(NarrativeRecordedEvent event, Instant generatedAt) {
        ObjectNode entry = json.createObjectNode()
                .put("id", event.narrativeId().toString())
                .put("fromNodeId", value(event.fromNodeId()))
                .put("toNodeId", value(event.toNodeId()))
                .put("pathwayType", wireName(event.pathwayType()))
                .put("narrative", event.narrative())
                .put("generatedAt", generatedAt.toString());
        return arrayOf(entry);
    }

    /** The client's drawing, stored as the object it sent; a cleared drawing is the column's default, {@code {}}. */
    public String graph(Map<String, Object> graph) {
        return write(graph == null ? Map.of() : graph);
    }

    private ObjectNode withAttributes(ObjectNode entry, Map<String, Object> attributes) {
        if (attributes != null) {
            attributes.forEach((name, value) -> {
                if (!entry.has(name)) {
                    entry.set(name, json.valueToTree(value));
                }
            });
        }
        return entry;
    }

    private String arrayOf(ObjectNode entry) {
        return write(json.createArrayNode().add(entry));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Events hold only JSON-shaped values (they were deserialized from JSON), so this is a programming error.
            throw new IllegalStateException("Cannot render a journey entry as JSON", e);
        }
    }

    private static String value(NodeId id) {
        return id == null ? null : id.value();
    }

    private static String wireName(PathwayType type) {
        return type == null ? null : type.wireName();
    }
}
