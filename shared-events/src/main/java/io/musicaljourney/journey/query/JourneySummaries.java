package io.musicaljourney.journey.query;

import java.util.List;

/** A page of the owner's journeys. */
public record JourneySummaries(List<JourneySummary> journeys) {
}
