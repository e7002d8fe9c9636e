package io.musicaljourney.history.query;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

import java.time.Instant;

/**
 * A journey of its owner as it stood at a version or at a time, folded from the event store; exactly one of
 * {@code version} and {@code at} is given. Answers {@link JourneyAsOf}.
 */
public record FetchJourneyAsOfQuery(JourneyId journeyId, UserId requestedBy, Long version, Instant at) {

    public static FetchJourneyAsOfQuery atVersion(JourneyId journeyId, UserId requestedBy, long version) {
        return new FetchJourneyAsOfQuery(journeyId, requestedBy, version, null);
    }

    public static FetchJourneyAsOfQuery atTime(JourneyId journeyId, UserId requestedBy, Instant at) {
        return new FetchJourneyAsOfQuery(journeyId, requestedBy, null, at);
    }
}
