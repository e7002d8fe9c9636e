package io.musicaljourney.history.query;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * One stored event of a journey as its owner reads it.
 *
 * @param sequence   the event's sequence number: the journey's version once the event was applied
 * @param type       the event's name without the {@code Event} suffix, e.g. {@code NodeVisited}
 * @param revision   the revision of the payload's shape as shown (after any upcasting); null when unversioned
 * @param time       when the event was stored
 * @param actingUser the user whose request caused it ({@code userId} metadata); null when not recorded
 * @param requestId  the request that caused it ({@code requestId} metadata); null when not recorded
 * @param payload    the event record as JSON, passed through raw
 */
public record HistoryEvent(
        long sequence,
        String type,
        String revision,
        Instant time,
        String actingUser,
        String requestId,
        @JsonRawValue String payload) {
}
