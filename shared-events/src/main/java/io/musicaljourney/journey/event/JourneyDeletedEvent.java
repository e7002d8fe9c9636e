package io.musicaljourney.journey.event;

import io.musicaljourney.journey.JourneyId;
import org.axonframework.serialization.Revision;

/** The owner deleted the journey; it accepts no command afterwards. */
@Revision("1")
public record JourneyDeletedEvent(JourneyId journeyId) {
}
