package io.musicaljourney.pathway.service;

import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers the exploration queries on the query bus, so other roles (the command side recording a narrative) reach
 * the cache and the providers without depending on this module.
 */
@Component
public class PathwayQueryHandler {

    private final PathwayService pathways;

    public PathwayQueryHandler(PathwayService pathways) {
        this.pathways = pathways;
    }

    @QueryHandler
    public Pathways handle(FetchPathwaysQuery query) {
        return pathways.pathways(query);
    }

    @QueryHandler
    public ConnectionNarrative handle(FetchConnectionNarrativeQuery query) {
        return pathways.narrative(query);
    }
}
