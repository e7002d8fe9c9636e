package io.musicaljourney.query.audit.web;

import io.musicaljourney.audit.query.ChainVerification;
import io.musicaljourney.audit.query.FetchJourneyAuditQuery;
import io.musicaljourney.audit.query.FetchJourneyChainVerificationQuery;
import io.musicaljourney.audit.query.JourneyAudit;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.query.operators.Administrators;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit of a shared journey and the check of its hash chain, for the owner and for administrators; anyone else
 * gets the 404 of an unknown journey.
 */
@RestController
@RequestMapping("/api/journeys")
@Tag(name = "Audit")
public class JourneyAuditController {

    private final QueryGateway queryGateway;
    private final Administrators administrators;

    public JourneyAuditController(QueryGateway queryGateway, Administrators administrators) {
        this.queryGateway = queryGateway;
        this.administrators = administrators;
    }

    @GetMapping("/{id}/audit")
    @Operation(summary = "Shares, rotations and revocations (token fingerprints only), changes while public, link opens")
    public JourneyAudit audit(@Parameter(hidden = true) UserId user, @PathVariable String id) {
        JourneyId journeyId = JourneyId.parse(id).orElseThrow(JourneyRejectedException::notFound);
        return found(queryGateway.query(new FetchJourneyAuditQuery(journeyId, user, administrators.includes(user)),
                ResponseTypes.instanceOf(JourneyAudit.class)).join());
    }

    @GetMapping("/{id}/audit/verify")
    @Operation(summary = "Recompute the journey's hash chain from its stored events and say where it breaks")
    public ChainVerification verify(@Parameter(hidden = true) UserId user, @PathVariable String id) {
        JourneyId journeyId = JourneyId.parse(id).orElseThrow(JourneyRejectedException::notFound);
        return found(queryGateway.query(
                new FetchJourneyChainVerificationQuery(journeyId, user, administrators.includes(user)),
                ResponseTypes.instanceOf(ChainVerification.class)).join());
    }

    private static <T> T found(T answer) {
        if (answer == null) {
            throw JourneyRejectedException.notFound();
        }
        return answer;
    }
}
