package io.musicaljourney.command.journey.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.query.FetchJourneyQuery;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.ExplorationRateLimitedException;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the story of a connection when the client sends none, by asking the exploration role over the query bus
 * (cached there), so this side depends on no model or catalog. The text then becomes a fact of the journey: a
 * replay reads it from the event and never asks again.
 */
@Component
public class NarrativeWriter {

    private static final Logger log = LoggerFactory.getLogger(NarrativeWriter.class);
    static final String UNAVAILABLE = "Narrative generation is not available on this instance; send the narrative text";
    static final String FAILED = "Failed to generate narrative";

    private final QueryGateway queries;
    private final Duration timeout;

    public NarrativeWriter(QueryGateway queries,
                           @Value("${journey.pathways.narrative-timeout:90s}") Duration timeout) {
        this.queries = queries;
        this.timeout = timeout;
    }

    /**
     * A model call costs money and time, so nobody but the journey's owner may cause one: the journey is looked up
     * for this user first (the aggregate checks the nodes when the narrative is recorded). An instance without the
     * query role cannot look, and leaves the check to the aggregate.
     */
    String write(JourneyId journey, UserId user, NodeRef from, NodeRef to, PathwayType type) {
        requireOwnJourney(journey, user);
        try {
            return queries.query(new FetchConnectionNarrativeQuery(from, to, type.wireName(), user),
                            ConnectionNarrative.class)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .narrative();
        } catch (ExecutionException failure) {
            if (failure.getCause() instanceof NoHandlerForQueryException) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
            }
            ExplorationRateLimitedException limited = rateLimited(failure);
            if (limited != null) {
                throw new RateLimitedResponse(limited);
            }
            log.warn("Narrative from {} to {} failed: {}", from.id(), to.id(), String.valueOf(failure.getCause()));
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, FAILED, failure.getCause());
        } catch (NoHandlerForQueryException noHandler) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
        } catch (TimeoutException slow) {
            throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, FAILED, slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, FAILED, interrupted);
        }
    }

    private void requireOwnJourney(JourneyId journey, UserId user) {
        try {
            JourneyDetail detail = queries.query(new FetchJourneyQuery(journey, user), JourneyDetail.class)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (detail == null) {
                throw JourneyRejectedException.notFound();
            }
        } catch (ExecutionException failure) {
            if (!(failure.getCause() instanceof NoHandlerForQueryException)) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, FAILED, failure.getCause());
            }
        } catch (NoHandlerForQueryException noQueryRole) {
            // checked by the aggregate when the narrative is recorded
        } catch (TimeoutException slow) {
            throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, FAILED, slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, FAILED, interrupted);
        }
    }

    private static ExplorationRateLimitedException rateLimited(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExplorationRateLimitedException limited) {
                return limited;
            }
        }
        return null;
    }

    /** The contract's 429: {@code Rate limit exceeded} with the limit's headers. */
    static final class RateLimitedResponse extends ResponseStatusException {

        private final HttpHeaders headers = new HttpHeaders();

        RateLimitedResponse(ExplorationRateLimitedException limited) {
            super(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded");
            headers.set("X-RateLimit-Remaining", Long.toString(limited.remaining()));
            headers.set("X-RateLimit-Reset", Long.toString(limited.resetEpochMillis()));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    static NodeRef node(String id, String name, String type) {
        NodeType nodeType = type == null || type.isBlank() ? NodeType.ARTIST : ClientEntries.nodeType(type, "narrative");
        return new NodeRef(NodeId.of(id), nodeType, name == null || name.isBlank() ? id : name);
    }
}
