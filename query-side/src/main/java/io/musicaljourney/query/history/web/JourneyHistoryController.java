package io.musicaljourney.query.history.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.history.query.FetchJourneyAsOfQuery;
import io.musicaljourney.history.query.FetchJourneyHistoryQuery;
import io.musicaljourney.history.query.JourneyAsOf;
import io.musicaljourney.history.query.JourneyHistory;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.query.JourneyDetail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A journey's history for its owner, read from the event store: its events page by page, and the journey as it
 * stood at a version or a time. Anyone else gets 404, as for the journey itself.
 */
@RestController
@RequestMapping("/api/journeys")
@Tag(name = "History")
public class JourneyHistoryController {

    private final QueryGateway queryGateway;

    public JourneyHistoryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The journey's events in order, with who and which request caused each; cursor paging")
    public JourneyHistory history(
            @Parameter(hidden = true) UserId user,
            @PathVariable String id,
            @Parameter(description = "The nextCursor of the previous page; absent for the first page",
                    schema = @Schema(type = "integer", minimum = "0"))
            @RequestParam(required = false) String after,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @RequestParam(required = false) String limit) {
        JourneyId journeyId = JourneyId.parse(id).orElseThrow(JourneyRejectedException::notFound);
        FetchJourneyHistoryQuery query = new FetchJourneyHistoryQuery(journeyId, user,
                HistoryParameters.after(after), HistoryParameters.limit(limit));
        JourneyHistory history = queryGateway.query(query, ResponseTypes.instanceOf(JourneyHistory.class)).join();
        if (history == null) {
            throw JourneyRejectedException.notFound();
        }
        return history;
    }

    @GetMapping("/{id}/as-of")
    @Operation(summary = "The journey as it stood at a version or a time, in the detail route's shape")
    public AsOfResponse asOf(
            @Parameter(hidden = true) UserId user,
            @PathVariable String id,
            @Parameter(description = "A version (sequence number); give this or at",
                    schema = @Schema(type = "integer", minimum = "0"))
            @RequestParam(required = false) String version,
            @Parameter(description = "An ISO-8601 time such as 2026-03-01T10:15:30.123Z; give this or version")
            @RequestParam(required = false) String at) {
        // Identity first, then the path id, then the parameters: a stranger learns nothing from a 400.
        JourneyId journeyId = JourneyId.parse(id).orElseThrow(JourneyRejectedException::notFound);
        boolean byVersion = version != null && !version.isEmpty();
        boolean byTime = at != null && !at.isEmpty();
        if (byVersion == byTime) {
            throw HistoryParameters.badRequest("Give exactly one of version and at");
        }
        FetchJourneyAsOfQuery query = byVersion
                ? FetchJourneyAsOfQuery.atVersion(journeyId, user, HistoryParameters.version(version))
                : FetchJourneyAsOfQuery.atTime(journeyId, user, HistoryParameters.at(at));
        JourneyAsOf answer = queryGateway.query(query, ResponseTypes.instanceOf(JourneyAsOf.class)).join();
        return switch (answer.outcome()) {
            case FOUND -> new AsOfResponse(answer.journey());
            case UNKNOWN_JOURNEY -> throw JourneyRejectedException.notFound();
            case NO_SUCH_VERSION -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such version");
            case DID_NOT_EXIST -> throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "The journey did not exist at that " + (byVersion ? "version" : "time"));
        };
    }

    /** {@code {"journey": {...}}}, the detail route's envelope. */
    public record AsOfResponse(JourneyDetail journey) {
    }
}
