package io.musicaljourney.journey.query;

import io.musicaljourney.common.UserId;

/**
 * The owner's journeys, most recently changed first.
 *
 * @param startingNodeId when set, only journeys that started at that node (the design's "search by starting point")
 */
public record FetchJourneySummariesQuery(UserId owner, String startingNodeId, int limit, int offset) {
}
