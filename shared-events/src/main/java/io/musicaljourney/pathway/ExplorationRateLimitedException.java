package io.musicaljourney.pathway;

/**
 * A user asked for more exploration than their rate limit allows; travels back over the query bus so that any
 * route asking on the user's behalf can answer 429 with the limit's headers.
 *
 * @see io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery#requestedBy()
 */
public class ExplorationRateLimitedException extends RuntimeException {

    private final long remaining;
    private final long resetEpochMillis;

    public ExplorationRateLimitedException(long remaining, long resetEpochMillis) {
        super("Rate limit exceeded", null, false, false);
        this.remaining = remaining;
        this.resetEpochMillis = resetEpochMillis;
    }

    public long remaining() {
        return remaining;
    }

    public long resetEpochMillis() {
        return resetEpochMillis;
    }
}
