package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.TrackId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take a collected track off the journey.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record RemoveTrackCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, TrackId trackId,
        Long expectedVersion) implements UserCommand {
}
