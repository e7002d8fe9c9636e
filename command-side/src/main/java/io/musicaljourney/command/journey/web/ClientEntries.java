package io.musicaljourney.command.journey.web;

import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.Visit;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the node and track objects clients save as whole arrays. Two generations of the frontend exist: one sends
 * the design document's entries ({@code nodeId, nodeType, nodeName, pathwayType, parentNodeId, narrative}), the
 * older one its node-data objects ({@code nodeType, nodeId, nodeName, description, representativeTrackTitles}) and
 * tracks as such objects with {@code nodeType: "track"} or a {@code uri}/{@code spotifyUri}. Fields the design
 * names become typed values; everything else is kept verbatim as attributes.
 */
public final class ClientEntries {

    /** Fields the server owns or derives; a client's copy of them is not kept. */
    private static final Set<String> NODE_FIELDS = Set.of(
            "nodeId", "nodeType", "nodeName", "pathwayType", "parentNodeId", "narrative", "visitedAt");
    private static final Set<String> TRACK_FIELDS = Set.of(
            "trackId", "trackName", "artistName", "albumName", "previewUrl", "fromNodeId", "addedAt",
            "uri", "spotifyUri", "nodeId", "nodeName", "nodeType", "name");

    private ClientEntries() {
    }

    public static List<Visit> visits(List<?> entries) {
        if (entries == null) {
            return null;
        }
        List<Visit> visits = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            visits.add(visit(object(entries.get(i), "nodesVisited[" + i + "]"), "nodesVisited[" + i + "]"));
        }
        return visits;
    }

    public static List<CollectedTrack> tracks(List<?> entries) {
        if (entries == null) {
            return null;
        }
        List<CollectedTrack> tracks = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            tracks.add(track(object(entries.get(i), "tracks[" + i + "]"), "tracks[" + i + "]"));
        }
        return tracks;
    }

    static Visit visit(Map<String, Object> entry, String where) {
        NodeRef node = new NodeRef(
                NodeId.of(required(entry, "nodeId", where)),
                nodeType(required(entry, "nodeType", where), where),
                required(entry, "nodeName", where));
        return new Visit(node, pathwayType(text(entry, "pathwayType", where), where),
                NodeId.ofNullable(text(entry, "parentNodeId", where)), text(entry, "narrative", where),
                extras(entry, NODE_FIELDS));
    }

    static CollectedTrack track(Map<String, Object> entry, String where) {
        String id = firstOf(text(entry, "trackId", where), text(entry, "uri", where),
                text(entry, "spotifyUri", where),
                "track".equals(text(entry, "nodeType", where)) ? text(entry, "nodeId", where) : null);
        String name = firstOf(text(entry, "trackName", where), text(entry, "nodeName", where),
                text(entry, "name", where));
        if (id == null || name == null) {
            throw badRequest(where + " needs a trackId (or a spotify:track: uri) and a trackName");
        }
        TrackRef track = new TrackRef(trackId(id, where + ".trackId"), name, text(entry, "artistName", where),
                text(entry, "albumName", where), text(entry, "previewUrl", where));
        return new CollectedTrack(track, NodeId.ofNullable(text(entry, "fromNodeId", where)),
                extras(entry, TRACK_FIELDS));
    }

    /** A bare {@code spotify:track:} prefix names no track: a 400, like a missing id. */
    static TrackId trackId(String value, String field) {
        try {
            return TrackId.fromIdOrUri(value);
        } catch (IllegalArgumentException | NullPointerException noId) {
            throw badRequest(field + " is required");
        }
    }

    public static NodeType nodeType(String value, String where) {
        return NodeType.parse(value).orElseThrow(() ->
                badRequest(where + ".nodeType must be one of artist, track, album, genre"));
    }

    public static PathwayType pathwayType(String value, String where) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return PathwayType.parse(value).orElseThrow(() -> badRequest(where
                + ".pathwayType must be one of influences, legacy, collaborators, contemporaries, genre"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object entry, String where) {
        if (entry instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw badRequest(where + " must be an object");
    }

    private static Map<String, Object> extras(Map<String, Object> entry, Set<String> known) {
        Map<String, Object> extras = new LinkedHashMap<>();
        entry.forEach((key, value) -> {
            if (!known.contains(key) && value != null) {
                extras.put(key, value);
            }
        });
        return extras;
    }

    private static String required(Map<String, Object> entry, String field, String where) {
        String value = text(entry, field, where);
        if (value == null || value.isBlank()) {
            throw badRequest(where + "." + field + " is required");
        }
        return value;
    }

    private static String text(Map<String, Object> entry, String field, String where) {
        Object value = entry.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        throw badRequest(where + "." + field + " must be a string");
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
