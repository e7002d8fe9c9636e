package io.musicaljourney.pathway.service;

import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.ExplorationRateLimitedException;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import io.musicaljourney.pathway.ratelimit.RateLimiter;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers the exploration queries on the query bus, so other roles (the command side recording a narrative) reach
 * the cache and the providers without depending on this module.
 */
@Component
public class PathwayQueryHandler {

    private final PathwayService pathways;
    private final RateLimiter rateLimiter;

    public PathwayQueryHandler(PathwayService pathways, RateLimiter rateLimiter) {
        this.pathways = pathways;
        this.rateLimiter = rateLimiter;
    }

    @QueryHandler
    public Pathways handle(FetchPathwaysQuery query) {
        return pathways.pathways(query);
    }

    /** Asked on a user's behalf (a narrative recorded without text), the call counts against their limit. */
    @QueryHandler
    public ConnectionNarrative handle(FetchConnectionNarrativeQuery query) {
        if (query.requestedBy() != null) {
            RateLimiter.RateLimitDecision decision = rateLimiter.tryAcquire("user:" + query.requestedBy().value());
            if (!decision.allowed()) {
                throw new ExplorationRateLimitedException(Math.max(0, decision.remaining()),
                        decision.resetEpochMillis());
            }
        }
        return pathways.narrative(query);
    }
}
