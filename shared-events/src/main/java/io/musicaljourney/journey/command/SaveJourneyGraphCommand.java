package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Save the client's drawing of the journey (opaque JSON object).
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record SaveJourneyGraphCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, Map<String, Object> graph,
        Long expectedVersion) implements UserCommand {
}
