package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.Visit;

import java.util.Map;
import java.util.Set;

import static io.musicaljourney.journey.JourneyLimits.MAX_ATTRIBUTES_CHARS;
import static io.musicaljourney.journey.JourneyLimits.MAX_GRAPH_CHARS;
import static io.musicaljourney.journey.JourneyLimits.MAX_ID_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NAME_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NARRATIVE_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_TITLE_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_URL_LENGTH;

/**
 * The named rules a journey command must satisfy before anything is applied. Each failure is a
 * {@link JourneyRejectedException}: the command appends nothing.
 */
final class JourneyInvariants {

    private JourneyInvariants() {
    }

    /** A visit's parent, when given, is the starting node or an already visited node. */
    static void requireValidVisit(Visit visit, Set<NodeId> knownNodes) {
        requireValidNode(visit.node());
        requireText("narrative", visit.narrative(), MAX_NARRATIVE_LENGTH, false);
        if (visit.parentNodeId() != null && !knownNodes.contains(visit.parentNodeId())) {
            throw JourneyRejectedException.invalid(
                    "parentNodeId must be the starting node or a node already visited on this journey");
        }
        requireAttributesWithinLimits(visit.attributes());
    }

    static void requireValidNode(NodeRef node) {
        requireText("nodeId", node.id().value(), MAX_ID_LENGTH, true);
        requireText("nodeName", node.name(), MAX_NAME_LENGTH, true);
    }

    /** A track is collected at a node of the journey: the starting node or a visited one. */
    static void requireValidTrack(CollectedTrack collected, Set<NodeId> knownNodes) {
        TrackRef track = collected.track();
        requireText("trackId", track.id().value(), MAX_ID_LENGTH, true);
        requireText("trackName", track.name(), MAX_NAME_LENGTH, true);
        requireText("artistName", track.artistName(), MAX_NAME_LENGTH, false);
        requireText("albumName", track.albumName(), MAX_NAME_LENGTH, false);
        requireText("previewUrl", track.previewUrl(), MAX_URL_LENGTH, false);
        if (collected.fromNodeId() == null || !knownNodes.contains(collected.fromNodeId())) {
            throw JourneyRejectedException.invalid("fromNodeId must be a node visited on this journey");
        }
        requireAttributesWithinLimits(collected.attributes());
    }

    /** A narrative tells how two nodes of this journey connect. */
    static void requireValidNarrative(NodeId from, NodeId to, String narrative, Set<NodeId> knownNodes) {
        requireText("narrative", narrative, MAX_NARRATIVE_LENGTH, true);
        if (!knownNodes.contains(from) || !knownNodes.contains(to)) {
            throw JourneyRejectedException.invalid("fromNodeId and toNodeId must be nodes of this journey");
        }
    }

    /** Titles are optional; blank means none. Returns the title to store. */
    static String requireValidTitle(String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String trimmed = title.strip();
        requireText("title", trimmed, MAX_TITLE_LENGTH, true);
        return trimmed;
    }

    static void requireGraphWithinLimits(Map<String, Object> graph) {
        if (graph == null) {
            return;
        }
        if (JsonShape.depth(graph) > JsonShape.MAX_DEPTH) {
            throw JourneyRejectedException.invalid("graph is nested too deeply");
        }
        if (JsonShape.size(graph, MAX_GRAPH_CHARS) > MAX_GRAPH_CHARS) {
            throw JourneyRejectedException.limitReached("graph is larger than " + MAX_GRAPH_CHARS + " characters");
        }
    }

    /** A journey holds at most {@code max} entries of each kind. */
    static void requireRoomFor(String what, int countAfter, int max) {
        if (countAfter > max) {
            throw JourneyRejectedException.limitReached("A journey holds at most " + max + " " + what);
        }
    }

    private static void requireAttributesWithinLimits(Map<String, Object> attributes) {
        if (JsonShape.depth(attributes) > JsonShape.MAX_DEPTH) {
            throw JourneyRejectedException.invalid("extra fields are nested too deeply");
        }
        if (JsonShape.size(attributes, MAX_ATTRIBUTES_CHARS) > MAX_ATTRIBUTES_CHARS) {
            throw JourneyRejectedException.limitReached(
                    "extra fields of a node or track are larger than " + MAX_ATTRIBUTES_CHARS + " characters");
        }
    }

    private static void requireText(String field, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw JourneyRejectedException.invalid(field + " is required");
            }
            return;
        }
        if (value.length() > maxLength) {
            throw JourneyRejectedException.invalid(field + " is longer than " + maxLength + " characters");
        }
    }
}
