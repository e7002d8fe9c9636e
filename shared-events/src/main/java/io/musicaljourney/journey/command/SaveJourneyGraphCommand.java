package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Save the client's drawing of the journey (opaque JSON object).
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check
 */
public record SaveJourneyGraphCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, Map<String, Object> graph,
        @TargetAggregateVersion Long expectedVersion) {
}
