package io.musicaljourney.query.history.web;

import io.musicaljourney.history.query.FetchSharedJourneyReplayQuery;
import io.musicaljourney.history.query.SharedJourneyReplay;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.sharing.ShareToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public step-by-step replay of a shared journey, for anyone holding its current link: its visits, tracks and
 * narratives as they happened, never its owner, request ids or anything about the share.
 */
@RestController
@Tag(name = "Sharing")
public class SharedJourneyReplayController {

    private final QueryGateway queryGateway;

    public SharedJourneyReplayController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** As the shared journey itself: no referrer carries the token on, no cache outlives a revocation. */
    @GetMapping("/api/journeys/shared/{token}/history")
    @Operation(summary = "A shared journey's visits, tracks and narratives in order; 404 once the link is revoked")
    @SecurityRequirements
    public ResponseEntity<SharedJourneyReplay> replay(
            @PathVariable String token,
            @Parameter(description = "The nextCursor of the previous page; absent for the first page",
                    schema = @Schema(type = "integer", minimum = "0"))
            @RequestParam(required = false) String after,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @RequestParam(required = false) String limit) {
        FetchSharedJourneyReplayQuery query = new FetchSharedJourneyReplayQuery(ShareToken.of(token),
                HistoryParameters.after(after), HistoryParameters.limit(limit));
        SharedJourneyReplay replay = queryGateway.query(query, ResponseTypes.instanceOf(SharedJourneyReplay.class))
                .join();
        if (replay == null) {
            throw JourneyRejectedException.notFound();
        }
        return ResponseEntity.ok()
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.noStore())
                .body(replay);
    }
}
