package io.musicaljourney.history.query;

import io.musicaljourney.journey.query.JourneyDetail;

/**
 * The answer to {@link FetchJourneyAsOfQuery}: the journey as it stood then, or why there is none.
 *
 * @param journey the journey in the detail route's shape; null unless {@code outcome} is {@link Outcome#FOUND}
 */
public record JourneyAsOf(Outcome outcome, JourneyDetail journey) {

    public enum Outcome {
        /** {@code journey} is the journey as it stood then. */
        FOUND,
        /** No such journey, or somebody else's: answered like a missing journey. */
        UNKNOWN_JOURNEY,
        /** The version asked for is beyond the journey's last event. */
        NO_SUCH_VERSION,
        /** The journey had not begun yet at that time, or had already been deleted at that version or time. */
        DID_NOT_EXIST
    }

    public static JourneyAsOf found(JourneyDetail journey) {
        return new JourneyAsOf(Outcome.FOUND, journey);
    }

    public static JourneyAsOf of(Outcome outcome) {
        return new JourneyAsOf(outcome, null);
    }
}
