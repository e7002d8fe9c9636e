package io.musicaljourney.history.query;

import io.musicaljourney.sharing.ShareToken;

/**
 * One page of the public step-by-step replay of the journey behind a share token; answers
 * {@link SharedJourneyReplay}, or nothing when the token is unknown or revoked.
 *
 * @param after the cursor of the previous page; -1 to start at the beginning
 * @param limit at most this many steps (1 to 100)
 */
public record FetchSharedJourneyReplayQuery(ShareToken shareToken, long after, int limit) {
}
