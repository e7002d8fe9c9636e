package io.musicaljourney.journey.event;

import io.musicaljourney.common.PersonalData;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.PathwayType;

import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A node was added to the journey, reached along a pathway from its parent (both optional).
 *
 * <p>Revision 2 renamed revision 1's {@code attributes} to {@code clientFields}: they are the extra fields the client
 * sent with the node (such as {@code description}), kept verbatim and never interpreted, and the old name let them
 * be mistaken for attributes of the music node. {@code NodeVisitedEventUpcaster} (app) upcasts stored revision-1
 * payloads; without it they would be read with no client fields at all, since unknown properties are tolerated.
 */
@Revision("2")
public record NodeVisitedEvent(JourneyId journeyId, NodeRef node, PathwayType pathwayType, NodeId parentNodeId,
                               @PersonalData String narrative, @PersonalData Map<String, Object> clientFields) {
}
