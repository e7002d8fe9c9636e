package io.musicaljourney.journey.query;

import io.musicaljourney.common.UserId;

/** The owner's journeys whose visited nodes include the given node id. */
public record FetchJourneysVisitingNodeQuery(UserId owner, String nodeId, int limit, int offset) {
}
