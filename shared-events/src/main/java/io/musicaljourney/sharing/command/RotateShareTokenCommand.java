package io.musicaljourney.sharing.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace the secret link of a shared journey; the old one stops working at once.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record RotateShareTokenCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy,
        Long expectedVersion) implements UserCommand {
}
