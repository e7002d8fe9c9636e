package io.musicaljourney.journey.event;

import io.musicaljourney.common.PersonalData;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeRef;
import org.axonframework.serialization.Revision;

/** A journey began at a starting node. */
@Revision("1")
public record JourneyStartedEvent(JourneyId journeyId, @PersonalData UserId ownerId, @PersonalData String title, NodeRef startingNode) {
}
