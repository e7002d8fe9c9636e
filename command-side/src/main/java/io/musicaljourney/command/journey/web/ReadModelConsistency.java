package io.musicaljourney.command.journey.web;

import io.musicaljourney.journey.JourneyId;

/**
 * Lets a command's response wait until the read model shows its effect, so a client that reads right after a write
 * sees it (the frontend opens a journey right after creating it). Implemented where the query side runs; without
 * one, commands answer at once.
 */
@FunctionalInterface
public interface ReadModelConsistency {

    /** Waits, within a bounded time, until the journey's read model has reached {@code version}. */
    void awaitVersion(JourneyId journeyId, long version);
}
