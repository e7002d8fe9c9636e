package io.musicaljourney.history.query;

import java.util.List;

/**
 * A page of a journey's events, in sequence order.
 *
 * @param nextCursor the sequence number of the page's last event, to pass as {@code after} for the next page;
 *                   null when the page ends with the journey's last event
 */
public record JourneyHistory(List<HistoryEvent> events, Long nextCursor) {
}
