package io.musicaljourney.journey.query;

/** Shared journeys anyone may discover, newest first. */
public record FetchPublicJourneysQuery(int limit, int offset) {
}
