package io.musicaljourney.pathway;

import java.util.List;

/** The pathways offered from one node: three to five, of distinct types. */
public record Pathways(List<Pathway> pathways) {

    public Pathways {
        pathways = pathways == null ? List.of() : List.copyOf(pathways);
    }
}
