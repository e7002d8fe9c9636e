package io.musicaljourney.command.sharing.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.command.JourneyCommandResult;
import io.musicaljourney.command.journey.web.IfMatch;
import io.musicaljourney.command.journey.web.JourneyCommandDispatcher;
import io.musicaljourney.command.journey.web.JourneyCommandResponses.SharedLink;
import io.musicaljourney.sharing.command.RotateShareTokenCommand;
import io.musicaljourney.sharing.command.ShareJourneyCommand;
import io.musicaljourney.sharing.command.UnshareJourneyCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.musicaljourney.command.journey.web.JourneyCommandController.journeyId;

/** The owner's routes for a journey's secret link. */
@RestController
@RequestMapping("/api/journeys/{id}/share")
@Tag(name = "Sharing")
public class SharingCommandController {

    private final JourneyCommandDispatcher commands;

    public SharingCommandController(JourneyCommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(summary = "Share a journey through a secret link (keeps the link of a shared journey)")
    @PostMapping
    public ResponseEntity<SharedLink> share(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch) {
        return respond(commands.send(new ShareJourneyCommand(journeyId(id), user, IfMatch.expectedVersion(ifMatch))));
    }

    @Operation(summary = "Replace the secret link; the old one stops working at once")
    @PostMapping("/rotate")
    public ResponseEntity<SharedLink> rotate(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch) {
        return respond(commands.send(new RotateShareTokenCommand(journeyId(id), user,
                IfMatch.expectedVersion(ifMatch))));
    }

    @Operation(summary = "Revoke the secret link")
    @DeleteMapping
    public ResponseEntity<SharedLink> unshare(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                              String ifMatch) {
        return respond(commands.send(new UnshareJourneyCommand(journeyId(id), user,
                IfMatch.expectedVersion(ifMatch))));
    }

    private static ResponseEntity<SharedLink> respond(JourneyCommandResult result) {
        return ResponseEntity.ok().eTag(IfMatch.etag(result.version())).body(SharedLink.of(result));
    }
}
