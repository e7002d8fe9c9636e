package io.musicaljourney.sharing.query;

import io.musicaljourney.sharing.ShareToken;

/** The public view of the journey behind a share token; answers {@code SharedJourney} or nothing. */
public record FetchSharedJourneyQuery(ShareToken shareToken) {
}
