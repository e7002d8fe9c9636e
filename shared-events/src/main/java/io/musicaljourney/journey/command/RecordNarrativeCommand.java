package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.PathwayType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Keep the story of how one node of the journey connects to another.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record RecordNarrativeCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, NodeId fromNodeId, NodeId toNodeId,
                                     PathwayType pathwayType, String narrative,
        Long expectedVersion) implements UserCommand {
}
