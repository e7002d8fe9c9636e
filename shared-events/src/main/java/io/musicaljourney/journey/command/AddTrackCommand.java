package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.CollectedTrack;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Collect a track at a visited node. Collecting a track already in the journey changes nothing.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record AddTrackCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, CollectedTrack track,
        Long expectedVersion) implements UserCommand {
}
