package io.musicaljourney.history.query;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

/**
 * One page of a journey's events, read from the event store for its owner; answers {@link JourneyHistory}, or
 * nothing when the journey is unknown or somebody else's.
 *
 * @param after the sequence number of the last event already seen; -1 to start at the first event
 * @param limit at most this many events (1 to 100)
 */
public record FetchJourneyHistoryQuery(JourneyId journeyId, UserId requestedBy, long after, int limit) {
}
