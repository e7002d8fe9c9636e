package io.musicaljourney.pathway.query;

import io.musicaljourney.journey.NodeType;

import java.util.List;

/**
 * The pathways from a node; answers {@code Pathways}. The names of the nodes visited before may shape a fresh
 * answer, but never the cache key: the same node always gives the same cached answer.
 */
public record FetchPathwaysQuery(NodeType nodeType, String nodeId, String nodeName, List<String> previousNodeNames) {

    public FetchPathwaysQuery {
        previousNodeNames = previousNodeNames == null ? List.of() : List.copyOf(previousNodeNames);
    }
}
