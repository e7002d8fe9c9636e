package io.musicaljourney.history.query;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * One step of a shared journey's replay.
 *
 * @param type    {@code NodeVisited}, {@code NodeVisitRemoved}, {@code TrackAdded}, {@code TrackRemoved} or
 *                {@code NarrativeRecorded}
 * @param time    when it happened
 * @param payload the event record as JSON, passed through raw
 */
public record ReplayStep(String type, Instant time, @JsonRawValue String payload) {
}
