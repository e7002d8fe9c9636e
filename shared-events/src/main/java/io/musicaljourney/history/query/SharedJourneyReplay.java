package io.musicaljourney.history.query;

import java.util.List;

/**
 * A page of a shared journey's replay: its visits, tracks and narratives in the order they happened, and nothing
 * about its owner or the share.
 *
 * @param nextCursor pass as {@code after} for the next page; null when the replay is complete
 */
public record SharedJourneyReplay(List<ReplayStep> steps, Long nextCursor) {
}
