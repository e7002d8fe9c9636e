package io.musicaljourney.query.sharing.web;

import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.query.FetchSharedJourneyQuery;
import io.musicaljourney.sharing.query.SharedJourney;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The one route without authentication: a shared journey, read through the secret of its link. */
@RestController
@Tag(name = "Sharing")
public class SharedJourneyController {

    private final QueryGateway queryGateway;

    public SharedJourneyController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /**
     * The token is in the URL, so the page must not pass that URL on as a referrer when the reader follows a link
     * out of it; and no cache may keep the journey, because revoking the link must make it unreadable at once.
     */
    @GetMapping("/api/journeys/shared/{token}")
    @Operation(summary = "A shared journey, without its owner; 404 once the link is revoked")
    @SecurityRequirements
    public ResponseEntity<SharedJourneyResponse> sharedJourney(@PathVariable String token) {
        SharedJourney journey = queryGateway.query(new FetchSharedJourneyQuery(ShareToken.of(token)),
                ResponseTypes.instanceOf(SharedJourney.class)).join();
        if (journey == null) {
            throw JourneyRejectedException.notFound();
        }
        return ResponseEntity.ok()
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.noStore())
                .body(new SharedJourneyResponse(journey));
    }

    /** {@code {"journey": {...}}}, the envelope the frontend reads. */
    public record SharedJourneyResponse(SharedJourney journey) {
    }
}
