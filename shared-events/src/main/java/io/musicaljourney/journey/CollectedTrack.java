package io.musicaljourney.journey;

import java.util.Map;
import java.util.Objects;

/**
 * A track as a client asks to collect it.
 *
 * @param fromNodeId the visited node the track was collected at
 * @param attributes extra fields the client sent; kept verbatim
 */
public record CollectedTrack(TrackRef track, NodeId fromNodeId, Map<String, Object> attributes) {

    public CollectedTrack {
        Objects.requireNonNull(track, "track");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
