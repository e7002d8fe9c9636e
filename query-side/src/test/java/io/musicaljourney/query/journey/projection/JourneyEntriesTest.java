package io.musicaljourney.query.journey.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyEntriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JourneyId JOURNEY = JourneyId.random();
    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.123456Z");

    private final JourneyEntries entries = new JourneyEntries(JSON);

    @Test
    void aVisitedNodeIsAnArrayOfOneEntryWithTheDesignFieldsInTheirWireForms() throws Exception {
        NodeVisitedEvent event = new NodeVisitedEvent(JOURNEY,
                new NodeRef(NodeId.of("4Z8W4fKeB5YxbusRsdQVPb"), NodeType.ARTIST, "Radiohead"),
                PathwayType.GENRE, NodeId.of("mjc-robert-johnson"), "From the delta to Oxford", Map.of());

        JsonNode array = JSON.readTree(entries.visitedNode(event, AT));

        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        assertThat(array.get(0)).isEqualTo(JSON.readTree("""
                {"nodeId": "4Z8W4fKeB5YxbusRsdQVPb", "nodeType": "artist", "nodeName": "Radiohead",
                 "pathwayType": "genre", "visitedAt": "2025-03-04T05:06:07.123456Z",
                 "parentNodeId": "mjc-robert-johnson", "narrative": "From the delta to Oxford"}
                """));
    }

    @Test
    void absentOptionalFieldsOfAVisitAreJsonNullsNotMissingFields() throws Exception {
        NodeVisitedEvent event = new NodeVisitedEvent(JOURNEY,
                new NodeRef(NodeId.of("delta-blues"), NodeType.GENRE, "Delta blues"), null, null, null, null);

        JsonNode entry = JSON.readTree(entries.visitedNode(event, AT)).get(0);

        assertThat(fieldNames(entry)).containsExactlyInAnyOrder(
                "nodeId", "nodeType", "nodeName", "pathwayType", "visitedAt", "parentNodeId", "narrative");
        assertThat(entry.get("nodeType").asText()).isEqualTo("genre");
        assertThat(entry.get("pathwayType").isNull()).isTrue();
        assertThat(entry.get("parentNodeId").isNull()).isTrue();
        assertThat(entry.get("narrative").isNull()).isTrue();
    }

    @Test
    void extraClientFieldsFollowTheDesignFieldsButNeverReplaceThem() throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("description", "Two sentences.");
        attributes.put("representativeTrackTitles", List.of("Cross Road Blues", "Hellhound on My Trail"));
        attributes.put("nodeName", "an impostor");
        attributes.put("visitedAt", "1999-01-01T00:00:00Z");
        attributes.put("nested", Map.of("year", 1936));
        NodeVisitedEvent event = new NodeVisitedEvent(JOURNEY,
                new NodeRef(NodeId.of("mjc-son-house"), NodeType.ARTIST, "Son House"),
                PathwayType.INFLUENCES, null, null, attributes);

        JsonNode entry = JSON.readTree(entries.visitedNode(event, AT)).get(0);

        assertThat(entry.get("nodeName").asText()).isEqualTo("Son House");
        assertThat(entry.get("visitedAt").asText()).isEqualTo("2025-03-04T05:06:07.123456Z");
        assertThat(entry.get("description").asText()).isEqualTo("Two sentences.");
        assertThat(entry.get("representativeTrackTitles")).isEqualTo(
                JSON.readTree("[\"Cross Road Blues\", \"Hellhound on My Trail\"]"));
        assertThat(entry.get("nested").get("year").asInt()).isEqualTo(1936);
    }

    @Test
    void aCollectedTrackCarriesTheDesignFieldsAndItsExtraFields() throws Exception {
        TrackAddedEvent event = new TrackAddedEvent(JOURNEY,
                new TrackRef(TrackId.of("0kQfnY0zBRDO3ZyHWUKnzU"), "Cross Road Blues", "Robert Johnson", null, null),
                NodeId.of("mjc-robert-johnson"), Map.of("albumImageUrl", "https://i.scdn.co/image/x"));

        JsonNode array = JSON.readTree(entries.collectedTrack(event, AT));

        assertThat(array).hasSize(1);
        assertThat(array.get(0)).isEqualTo(JSON.readTree("""
                {"trackId": "0kQfnY0zBRDO3ZyHWUKnzU", "trackName": "Cross Road Blues", "artistName": "Robert Johnson",
                 "albumName": null, "previewUrl": null, "addedAt": "2025-03-04T05:06:07.123456Z",
                 "fromNodeId": "mjc-robert-johnson", "albumImageUrl": "https://i.scdn.co/image/x"}
                """));
    }

    @Test
    void aRecordedNarrativeHasExactlyTheDesignFieldsWithTheDesignsPathwayName() throws Exception {
        UUID narrativeId = UUID.randomUUID();
        NarrativeRecordedEvent event = new NarrativeRecordedEvent(JOURNEY, narrativeId,
                NodeId.of("mjc-robert-johnson"), NodeId.of("mjc-son-house"), PathwayType.GENRE, "A story.");

        JsonNode array = JSON.readTree(entries.recordedNarrative(event, AT));

        assertThat(array).hasSize(1);
        assertThat(array.get(0)).isEqualTo(JSON.readTree("""
                {"id": "%s", "fromNodeId": "mjc-robert-johnson", "toNodeId": "mjc-son-house",
                 "pathwayType": "genre", "narrative": "A story.", "generatedAt": "2025-03-04T05:06:07.123456Z"}
                """.formatted(narrativeId)));
    }

    @Test
    void theGraphIsStoredAsTheObjectTheClientSentAndAClearedGraphAsAnEmptyObject() throws Exception {
        Map<String, Object> graph = Map.of("nodes", List.of(Map.of("id", "n1", "position", Map.of("x", 1.5))),
                "edges", List.of());

        assertThat(JSON.readTree(entries.graph(graph))).isEqualTo(JSON.readTree("""
                {"nodes": [{"id": "n1", "position": {"x": 1.5}}], "edges": []}
                """));
        assertThat(entries.graph(null)).isEqualTo("{}");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
