package io.musicaljourney.sharing.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/** A journey as anyone with its link reads it: never the owner's id, the share token or the public flag. */
public record SharedJourney(
        String id,
        String title,
        @JsonProperty("starting_node_type") String startingNodeType,
        @JsonProperty("starting_node_id") String startingNodeId,
        @JsonProperty("starting_node_name") String startingNodeName,
        @JsonProperty("nodes_visited") @JsonRawValue String nodesVisited,
        @JsonRawValue String tracks,
        @JsonRawValue String narratives,
        @JsonRawValue String graph,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {
}
