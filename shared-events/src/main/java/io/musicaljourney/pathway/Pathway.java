package io.musicaljourney.pathway;

import io.musicaljourney.journey.PathwayType;

import java.util.List;
import java.util.Objects;

/** One kind of connection from a node, with the nodes it leads to (two to four). */
public record Pathway(PathwayType type, String title, List<PathwayNode> nodes) {

    public Pathway {
        Objects.requireNonNull(type, "type");
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
