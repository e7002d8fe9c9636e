package io.musicaljourney.journey.event;

import io.musicaljourney.common.PersonalData;
import io.musicaljourney.journey.JourneyId;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** The client's drawing of the journey (React Flow nodes and edges) was saved; kept opaque. */
@Revision("1")
public record JourneyGraphSavedEvent(JourneyId journeyId, @PersonalData Map<String, Object> graph) {
}
