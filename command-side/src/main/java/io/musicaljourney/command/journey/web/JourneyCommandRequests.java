package io.musicaljourney.command.journey.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.Visit;

import java.util.List;
import java.util.Map;

import static io.musicaljourney.command.journey.web.ClientEntries.badRequest;

/**
 * Request bodies of the journey command routes (camelCase, as the frontend sends them). Each names its fields
 * exactly: a field it does not have (a server-owned {@code userId}, {@code version}, {@code shareToken}... or a typo)
 * is refused rather than silently dropped, so a client never believes it set something it did not. The
 * {@code ignoreUnknown = false} below is enforced by the web layer's JSON reader.
 */
public final class JourneyCommandRequests {

    private JourneyCommandRequests() {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateJourneyRequest(String title, String startingNodeType, String startingNodeId,
                                       String startingNodeName, List<Object> nodesVisited, List<Object> tracks,
                                       Map<String, Object> graph, Boolean isPublic) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ReviseJourneyRequest(String title, List<Object> nodesVisited, List<Object> tracks,
                                       Map<String, Object> graph, Boolean isPublic, Boolean rotateShareToken) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record VisitRequest(String nodeId, String nodeType, String nodeName, String pathwayType,
                               String parentNodeId, String narrative) {

        Visit toVisit() {
            requireAll("nodeId, nodeType, nodeName and pathwayType are required",
                    nodeId, nodeType, nodeName, pathwayType);
            NodeRef node = new NodeRef(NodeId.of(nodeId), ClientEntries.nodeType(nodeType, "visit"), nodeName);
            return new Visit(node, ClientEntries.pathwayType(pathwayType, "visit"), NodeId.ofNullable(parentNodeId),
                    narrative, Map.of());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record TrackRequest(String trackId, String trackName, String artistName, String albumName,
                               String previewUrl, String fromNodeId) {

        CollectedTrack toTrack() {
            requireAll("trackId, trackName, artistName and fromNodeId are required", trackId, trackName, artistName,
                    fromNodeId);
            return new CollectedTrack(new TrackRef(ClientEntries.trackId(trackId, "trackId"), trackName, artistName,
                    albumName, previewUrl), NodeId.of(fromNodeId), Map.of());
        }
    }

    /**
     * Without a {@code narrative} the service writes one; the optional names and types of the two nodes then tell
     * the storyteller what the ids stand for (ids alone are opaque).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NarrativeRequest(String fromNodeId, String toNodeId, String pathwayType, String narrative,
                                   String fromNodeName, String fromNodeType, String toNodeName, String toNodeType) {

        void requireComplete() {
            requireAll("fromNodeId, toNodeId, pathwayType and narrative are required",
                    fromNodeId, toNodeId, pathwayType, narrative);
        }

        void requireNodes() {
            requireAll("fromNodeId, toNodeId and pathwayType are required", fromNodeId, toNodeId, pathwayType);
        }

        boolean hasNarrative() {
            return narrative != null && !narrative.isBlank();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record TitleRequest(String title) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record GraphRequest(Map<String, Object> graph) {
    }

    private static void requireAll(String message, String... values) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw badRequest(message);
            }
        }
    }
}
