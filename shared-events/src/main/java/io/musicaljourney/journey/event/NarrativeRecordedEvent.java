package io.musicaljourney.journey.event;

import io.musicaljourney.common.PersonalData;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.PathwayType;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The story of how one node connects to another became a fact of the journey; a replay never asks a model again. */
@Revision("1")
public record NarrativeRecordedEvent(JourneyId journeyId, UUID narrativeId, NodeId fromNodeId, NodeId toNodeId, PathwayType pathwayType,
                                     @PersonalData String narrative) {
}
