package io.musicaljourney.journey.event;

import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.PathwayType;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** A node was added to the journey, reached along a pathway from its parent (both optional). Extra client fields travel in attributes. */
@Revision("1")
public record NodeVisitedEvent(JourneyId journeyId, NodeRef node, PathwayType pathwayType, NodeId parentNodeId, String narrative,
                               Map<String, Object> attributes) {
}
