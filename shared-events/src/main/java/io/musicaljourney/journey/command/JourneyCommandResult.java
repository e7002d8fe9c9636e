package io.musicaljourney.journey.command;

import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.sharing.ShareToken;

import java.time.Instant;

/**
 * What a journey command leaves behind.
 *
 * @param version    the journey's version after the command (the sequence number of its last event), which
 *                   clients send back as {@code If-Match}
 * @param shareToken the secret of its shared link, null while it is not shared
 * @param changedAt  the time of its last event
 */
public record JourneyCommandResult(JourneyId journeyId, long version, ShareToken shareToken, Instant changedAt) {
}
