package io.musicaljourney.journey;

import java.util.Map;
import java.util.Objects;

/**
 * One step of a journey as a client asks for it.
 *
 * @param pathwayType  the pathway followed to get here; absent for nodes the client saved without one
 * @param parentNodeId the node this one was reached from; absent for free-standing nodes
 * @param narrative    the connection story, if the client already has one
 * @param attributes   extra fields the client sent (such as {@code description}); kept verbatim
 */
public record Visit(NodeRef node, PathwayType pathwayType, NodeId parentNodeId, String narrative,
                    Map<String, Object> attributes) {

    public Visit {
        Objects.requireNonNull(node, "node");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
