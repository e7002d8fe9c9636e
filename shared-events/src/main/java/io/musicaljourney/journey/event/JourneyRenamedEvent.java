package io.musicaljourney.journey.event;

import io.musicaljourney.common.PersonalData;
import io.musicaljourney.journey.JourneyId;
import org.axonframework.serialization.Revision;

/** The journey's title changed; null clears it. */
@Revision("1")
public record JourneyRenamedEvent(JourneyId journeyId, @PersonalData String title) {
}
