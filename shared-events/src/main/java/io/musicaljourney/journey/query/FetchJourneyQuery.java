package io.musicaljourney.journey.query;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

/** One journey of its owner, in full; answers {@link JourneyDetail} or nothing. */
public record FetchJourneyQuery(JourneyId journeyId, UserId requestedBy) {
}
