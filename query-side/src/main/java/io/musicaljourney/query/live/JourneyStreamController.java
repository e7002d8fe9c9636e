package io.musicaljourney.query.live;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.query.FetchSharedJourneyQuery;
import io.musicaljourney.sharing.query.SharedJourney;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates of a journey as server-sent events: one event per new journey event, its id the journey version
 * (the event's sequence number), its name the event type ({@code NodeVisited}, ...), its data JSON with the
 * version, type, time and payload. A reconnecting client sends {@code Last-Event-ID} and gets every event after
 * it before the live ones. Comment lines keep idle connections open.
 */
@RestController
@Tag(name = "Live updates")
public class JourneyStreamController {

    private final JourneyStreams streams;
    private final QueryGateway queryGateway;

    public JourneyStreamController(JourneyStreams streams, QueryGateway queryGateway) {
        this.streams = streams;
        this.queryGateway = queryGateway;
    }

    @GetMapping("/api/journeys/{id}/stream")
    @Operation(summary = "Server-sent events of one of the caller's journeys: every new event; 404 for any other id")
    public ResponseEntity<SseEmitter> stream(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                             @RequestHeader(name = "Last-Event-ID", required = false)
                                             String lastEventId) {
        JourneyId journeyId = JourneyId.parse(id).orElseThrow(JourneyRejectedException::notFound);
        return eventStream(streams.openForOwner(journeyId, user, sequence(lastEventId)), false);
    }

    /** Like the shared journey's route: no referrer, no cache; visits, tracks and narratives only. */
    @GetMapping("/api/journeys/shared/{token}/stream")
    @Operation(summary = "Server-sent events of a shared journey: visits, tracks and narratives; ends when the "
            + "link is revoked or rotated")
    @SecurityRequirements
    public ResponseEntity<SseEmitter> sharedStream(@PathVariable String token,
                                                   @RequestHeader(name = "Last-Event-ID", required = false)
                                                   String lastEventId) {
        ShareToken shareToken = ShareToken.of(token);
        SharedJourney journey = queryGateway.query(new FetchSharedJourneyQuery(shareToken),
                ResponseTypes.instanceOf(SharedJourney.class)).join();
        JourneyId journeyId = journey == null ? null : JourneyId.parse(journey.id()).orElse(null);
        if (journeyId == null) {
            throw JourneyRejectedException.notFound();
        }
        return eventStream(streams.openForShareToken(journeyId, shareToken, sequence(lastEventId)), true);
    }

    private static ResponseEntity<SseEmitter> eventStream(SseEmitter emitter, boolean shared) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .cacheControl(CacheControl.noStore())
                // Reverse proxies such as nginx must pass each event on at once instead of buffering.
                .header("X-Accel-Buffering", "no");
        if (shared) {
            response.header("Referrer-Policy", "no-referrer");
        }
        return response.body(emitter);
    }

    /** A {@code Last-Event-ID} that is no version (or none) means: from now on. */
    static Long sequence(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }
}
