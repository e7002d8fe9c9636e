package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give the journey a new title; null or blank clears it.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record RenameJourneyCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, String title,
        Long expectedVersion) implements UserCommand {
}
