package io.musicaljourney.journey.query;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A row of the owner's journey list (the design's "Get User's Journeys" query, with the frontend's columns). */
public record JourneySummary(
        String id,
        String title,
        @JsonProperty("starting_node_type") String startingNodeType,
        @JsonProperty("starting_node_id") String startingNodeId,
        @JsonProperty("starting_node_name") String startingNodeName,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("is_public") boolean isPublic,
        @JsonProperty("share_token") String shareToken,
        @JsonProperty("node_count") int nodeCount,
        @JsonProperty("track_count") int trackCount) {
}
