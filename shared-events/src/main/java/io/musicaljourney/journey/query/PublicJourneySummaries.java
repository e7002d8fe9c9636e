package io.musicaljourney.journey.query;

import java.util.List;

/** A page of discoverable shared journeys. */
public record PublicJourneySummaries(List<PublicJourneySummary> journeys) {
}
