package io.musicaljourney.audit.query;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

/**
 * The audit of a journey's sharing, for its owner or an administrator ({@code administrator} says the asker is
 * one). Answered with null for anybody else, exactly as for an unknown journey.
 */
public record FetchJourneyAuditQuery(JourneyId journeyId, UserId requestedBy, boolean administrator) {
}
