package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.Visit;

import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Bring the journey to the state a client saved as a whole (the frontend's PATCH). Every null field keeps
 * the stored value; the aggregate turns the difference into intent events, never a blind overwrite.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null skips the check. Checked by the
 *                        aggregate after ownership, so a stranger learns nothing from it
 */
public record ReviseJourneyCommand(@TargetAggregateIdentifier JourneyId journeyId, UserId requestedBy, String title, List<Visit> visits,
                                   List<CollectedTrack> tracks, Map<String, Object> graph, Boolean shared,
                                   boolean rotateShareToken,
        Long expectedVersion) implements UserCommand {
}
