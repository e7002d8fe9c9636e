package io.musicaljourney.query.journey.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.query.FetchJourneyQuery;
import io.musicaljourney.journey.query.FetchJourneySummariesQuery;
import io.musicaljourney.journey.query.FetchJourneysVisitingNodeQuery;
import io.musicaljourney.journey.query.FetchPublicJourneysQuery;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.journey.query.JourneySummaries;
import io.musicaljourney.journey.query.PublicJourneySummaries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The read routes of journeys: each request becomes one query on the {@link QueryGateway}. Paging parameters
 * follow {@link Paging}: defaults when absent, 400 when not an integer in range.
 */
@RestController
@RequestMapping("/api/journeys")
@Tag(name = "Journeys")
public class JourneyQueryController {

    private final QueryGateway queryGateway;

    public JourneyQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    @Operation(summary = "The caller's journeys, most recently changed first; optionally only those started at a node")
    public JourneySummaries journeys(
            @Parameter(hidden = true) UserId user,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "25"))
            @RequestParam(required = false) String limit,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String offset,
            @Parameter(description = "Only journeys that started at this node; empty means all")
            @RequestParam(required = false) String startingNodeId) {
        Paging page = Paging.of(limit, offset);
        String startingAt = startingNodeId == null || startingNodeId.isEmpty() ? null : startingNodeId;
        return ask(new FetchJourneySummariesQuery(user, startingAt, page.limit(), page.offset()),
                JourneySummaries.class);
    }

    /** Discovery is for signed-in users: the {@link UserId} parameter makes the caller authenticate. */
    @GetMapping("/public")
    @Operation(summary = "Shared journeys anyone may discover, newest first, without their owners")
    public PublicJourneySummaries publicJourneys(
            @Parameter(hidden = true) UserId user,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "25"))
            @RequestParam(required = false) String limit,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String offset) {
        Paging page = Paging.of(limit, offset);
        return ask(new FetchPublicJourneysQuery(page.limit(), page.offset()), PublicJourneySummaries.class);
    }

    @GetMapping("/visited")
    @Operation(summary = "The caller's journeys that visited a node, most recently changed first")
    public JourneySummaries journeysVisiting(
            @Parameter(hidden = true) UserId user,
            @Parameter(description = "The visited node's id", required = true)
            @RequestParam(required = false) String nodeId,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "25"))
            @RequestParam(required = false) String limit,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String offset) {
        if (nodeId == null || nodeId.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Query parameter \"nodeId\" is required");
        }
        Paging page = Paging.of(limit, offset);
        return ask(new FetchJourneysVisitingNodeQuery(user, nodeId, page.limit(), page.offset()),
                JourneySummaries.class);
    }

    /** The version is also the entity tag, the value our command routes accept as {@code If-Match}. */
    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's journeys in full; 404 for any other id")
    public ResponseEntity<JourneyResponse> journey(@Parameter(hidden = true) UserId user, @PathVariable String id) {
        JourneyId journeyId = JourneyId.parse(id).orElseThrow(JourneyRejectedException::notFound);
        JourneyDetail journey = ask(new FetchJourneyQuery(journeyId, user), JourneyDetail.class);
        if (journey == null) {
            throw JourneyRejectedException.notFound();
        }
        return ResponseEntity.ok().eTag(Long.toString(journey.version())).body(new JourneyResponse(journey));
    }

    private <R> R ask(Object query, Class<R> answer) {
        return queryGateway.query(query, ResponseTypes.instanceOf(answer)).join();
    }

    /** {@code {"journey": {...}}}, the envelope the frontend reads. */
    public record JourneyResponse(JourneyDetail journey) {
    }
}
