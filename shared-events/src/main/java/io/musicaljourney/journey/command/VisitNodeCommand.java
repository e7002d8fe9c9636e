package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.Visit;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Follow a pathway to a node (or add a free-standing one) and make it part of the journey.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record VisitNodeCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, Visit visit,
        Long expectedVersion) implements UserCommand {
}
