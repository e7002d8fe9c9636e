package io.musicaljourney.journey.event;

import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import org.axonframework.serialization.Revision;

/** A visited node was taken off the journey (a client saved the journey without it). */
@Revision("1")
public record NodeVisitRemovedEvent(JourneyId journeyId, NodeId nodeId) {
}
