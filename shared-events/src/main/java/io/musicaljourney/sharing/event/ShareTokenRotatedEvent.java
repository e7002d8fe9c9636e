package io.musicaljourney.sharing.event;

import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.sharing.ShareToken;
import org.axonframework.serialization.Revision;

/** The shared link changed: the previous token stops working at once. */
@Revision("1")
public record ShareTokenRotatedEvent(JourneyId journeyId, ShareToken shareToken) {
}
