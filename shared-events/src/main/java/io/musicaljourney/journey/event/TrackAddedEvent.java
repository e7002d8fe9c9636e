package io.musicaljourney.journey.event;

import io.musicaljourney.common.PersonalData;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.TrackRef;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** A track was collected at a visited node. */
@Revision("1")
public record TrackAddedEvent(JourneyId journeyId, TrackRef track, NodeId fromNodeId, @PersonalData Map<String, Object> attributes) {
}
