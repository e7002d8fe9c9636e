package io.musicaljourney.journey.query;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A shared journey as anyone may discover it: never the owner's id. The share token is the link itself, the
 * one thing a reader needs to open it.
 */
public record PublicJourneySummary(
        String id,
        String title,
        @JsonProperty("starting_node_type") String startingNodeType,
        @JsonProperty("starting_node_id") String startingNodeId,
        @JsonProperty("starting_node_name") String startingNodeName,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("share_token") String shareToken,
        @JsonProperty("node_count") int nodeCount,
        @JsonProperty("track_count") int trackCount) {
}
