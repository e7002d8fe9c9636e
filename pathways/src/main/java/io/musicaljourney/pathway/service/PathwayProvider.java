package io.musicaljourney.pathway.service;

import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;

/** Where fresh pathways and narratives come from: the offline catalog or a language model. */
public interface PathwayProvider {

    Pathways pathways(FetchPathwaysQuery query);

    ConnectionNarrative narrative(FetchConnectionNarrativeQuery query);

    /** For logs and health: {@code catalog}, {@code anthropic} or {@code openai}. */
    String name();
}
