package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.Visit;

import java.util.Map;
import java.util.function.Predicate;

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
    static void requireValidVisit(Visit visit, Predicate<NodeId> knownNode) {
        requireWellFormedVisit(visit);
        if (visit.parentNodeId() != null && !knownNode.test(visit.parentNodeId())) {
            throw JourneyRejectedException.invalid(
                    "parentNodeId must be the starting node or a node already visited on this journey");
        }
    }

    /** What a visit must satisfy whatever the journey holds. */
    static void requireWellFormedVisit(Visit visit) {
        requireValidNode(visit.node());
        requireText("narrative", visit.narrative(), MAX_NARRATIVE_LENGTH, false, Text.PROSE);
        requireAttributesWithinLimits(visit.attributes());
    }

    static void requireValidNode(NodeRef node) {
        requireText("nodeId", node.id().value(), MAX_ID_LENGTH, true, Text.IDENTIFIER);
        requireText("nodeName", node.name(), MAX_NAME_LENGTH, true, Text.LINE);
    }

    /** A track is collected at a node of the journey: the starting node or a visited one. */
    static void requireValidTrack(CollectedTrack collected, Predicate<NodeId> knownNode) {
        requireWellFormedTrack(collected);
        if (collected.fromNodeId() == null || !knownNode.test(collected.fromNodeId())) {
            throw JourneyRejectedException.invalid("fromNodeId must be a node visited on this journey");
        }
    }

    /** What a track must satisfy whatever the journey holds. */
    static void requireWellFormedTrack(CollectedTrack collected) {
        TrackRef track = collected.track();
        requireText("trackId", track.id().value(), MAX_ID_LENGTH, true, Text.IDENTIFIER);
        requireText("trackName", track.name(), MAX_NAME_LENGTH, true, Text.LINE);
        requireText("artistName", track.artistName(), MAX_NAME_LENGTH, false, Text.LINE);
        requireText("albumName", track.albumName(), MAX_NAME_LENGTH, false, Text.LINE);
        requireText("previewUrl", track.previewUrl(), MAX_URL_LENGTH, false, Text.IDENTIFIER);
        requireAttributesWithinLimits(collected.attributes());
    }

    /** A narrative tells how two nodes of this journey connect. */
    static void requireValidNarrative(NodeId from, NodeId to, String narrative, Predicate<NodeId> knownNode) {
        requireText("narrative", narrative, MAX_NARRATIVE_LENGTH, true, Text.PROSE);
        if (from == null || to == null || !knownNode.test(from) || !knownNode.test(to)) {
            throw JourneyRejectedException.invalid("fromNodeId and toNodeId must be nodes of this journey");
        }
    }

    /** Titles are optional; blank means none. Returns the title to store. */
    static String requireValidTitle(String title) {
        if (title == null || title.isBlank()) {
            return null;
        }
        String trimmed = title.strip();
        requireText("title", trimmed, MAX_TITLE_LENGTH, true, Text.LINE);
        return trimmed;
    }

    static void requireGraphWithinLimits(Map<String, Object> graph) {
        if (graph == null) {
            return;
        }
        if (JsonShape.depth(graph) > JsonShape.MAX_DEPTH) {
            throw JourneyRejectedException.invalid("graph is nested too deeply");
        }
        if (!JsonShape.storable(graph)) {
            throw JourneyRejectedException.invalid("graph contains a NUL character or an unpaired surrogate");
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
        if (!JsonShape.storable(attributes)) {
            throw JourneyRejectedException.invalid(
                    "extra fields contain a NUL character or an unpaired surrogate");
        }
        if (JsonShape.size(attributes, MAX_ATTRIBUTES_CHARS) > MAX_ATTRIBUTES_CHARS) {
            throw JourneyRejectedException.limitReached(
                    "extra fields of a node or track are larger than " + MAX_ATTRIBUTES_CHARS + " characters");
        }
    }

    private static void requireText(String field, String value, int maxLength, boolean required, Text kind) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw JourneyRejectedException.invalid(field + " is required");
            }
            return;
        }
        if (value.length() > maxLength) {
            throw JourneyRejectedException.invalid(field + " is longer than " + maxLength + " characters");
        }
        String refused = kind.refused(value);
        if (refused != null) {
            throw JourneyRejectedException.invalid(field + " must not contain " + refused);
        }
    }

    /**
     * What a stored text may hold. Everything is stored forever and projected into PostgreSQL, which cannot keep a
     * NUL (in text or JSONB) nor encode an unpaired surrogate: those would stop the projection, so nothing may carry
     * them. Names and titles are one line; ids are compared and put in URLs, so they also refuse the invisible bidi
     * controls that make one id display as another (right-to-left text itself stays welcome everywhere).
     */
    enum Text {
        PROSE, LINE, IDENTIFIER;

        String refused(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == 0) {
                    return "NUL characters";
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                if (Character.isSurrogate(c)) {
                    return "unpaired surrogates";
                }
                boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
                if (control && (this != PROSE || (c != '\n' && c != '\r' && c != '\t'))) {
                    return "control characters";
                }
                if (this == IDENTIFIER && (c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
                        || (c >= 0x2066 && c <= 0x2069))) {
                    return "bidirectional control characters";
                }
            }
            return null;
        }
    }
}
