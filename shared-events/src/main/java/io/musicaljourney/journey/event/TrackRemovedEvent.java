package io.musicaljourney.journey.event;

import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.TrackId;
import org.axonframework.serialization.Revision;

/** A collected track was taken off the journey. */
@Revision("1")
public record TrackRemovedEvent(JourneyId journeyId, TrackId trackId) {
}
