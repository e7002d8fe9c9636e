package io.musicaljourney.sharing.event;

import io.musicaljourney.journey.JourneyId;
import org.axonframework.serialization.Revision;

/** The shared link was revoked. */
@Revision("1")
public record JourneyUnsharedEvent(JourneyId journeyId) {
}
