package io.musicaljourney.audit.query;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;

/** Recompute a journey's hash chain from its stored events; null for anybody but its owner or an administrator. */
public record FetchJourneyChainVerificationQuery(JourneyId journeyId, UserId requestedBy, boolean administrator) {
}
