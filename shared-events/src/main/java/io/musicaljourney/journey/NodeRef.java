package io.musicaljourney.journey;

import java.util.Objects;

/** A node of the music map as a journey refers to it. */
public record NodeRef(NodeId id, NodeType type, String name) {

    public NodeRef {
        Objects.requireNonNull(id, "node id");
        Objects.requireNonNull(type, "node type");
        Objects.requireNonNull(name, "node name");
    }
}
