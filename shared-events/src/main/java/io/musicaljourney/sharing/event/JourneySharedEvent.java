package io.musicaljourney.sharing.event;

import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.sharing.ShareToken;
import org.axonframework.serialization.Revision;

/** The journey became readable by anyone holding the token. */
@Revision("1")
public record JourneySharedEvent(JourneyId journeyId, ShareToken shareToken) {
}
