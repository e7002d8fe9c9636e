package io.musicaljourney.journey.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * A journey as its owner reads it. JSON names are the {@code journeys} column names, as the frontend reads them;
 * the JSONB columns travel as the database's own JSON text, never parsed and re-written on the way out.
 */
public record JourneyDetail(
        String id,
        @JsonProperty("user_id") String userId,
        String title,
        @JsonProperty("starting_node_type") String startingNodeType,
        @JsonProperty("starting_node_id") String startingNodeId,
        @JsonProperty("starting_node_name") String startingNodeName,
        @JsonProperty("nodes_visited") @JsonRawValue String nodesVisited,
        @JsonRawValue String tracks,
        @JsonRawValue String narratives,
        @JsonRawValue String graph,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("is_public") boolean isPublic,
        @JsonProperty("share_token") String shareToken,
        long version) {
}
