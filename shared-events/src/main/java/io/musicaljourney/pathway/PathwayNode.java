package io.musicaljourney.pathway;

import io.musicaljourney.journey.NodeType;

import java.util.List;
import java.util.Objects;

/**
 * A node offered as the next step of a journey.
 *
 * @param nodeId                    opaque: clients post it back as the identity of the next node
 * @param description               exactly two sentences on why this node belongs on the pathway
 * @param representativeTrackTitles up to five titles to listen to
 */
public record PathwayNode(NodeType nodeType, String nodeId, String nodeName, String description,
                          List<String> representativeTrackTitles) {

    public PathwayNode {
        Objects.requireNonNull(nodeType, "nodeType");
        representativeTrackTitles = representativeTrackTitles == null ? List.of()
                : List.copyOf(representativeTrackTitles);
    }
}
