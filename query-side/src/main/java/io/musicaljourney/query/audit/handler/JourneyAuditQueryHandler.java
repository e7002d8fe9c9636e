package io.musicaljourney.query.audit.handler;

import io.musicaljourney.audit.query.ChainVerification;
import io.musicaljourney.audit.query.FetchJourneyAuditQuery;
import io.musicaljourney.audit.query.FetchJourneyChainVerificationQuery;
import io.musicaljourney.audit.query.JourneyAudit;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.query.audit.chain.EventChainVerifier;
import io.musicaljourney.query.audit.opens.SharedLinkOpens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The audit of shared journeys, folded from the event store (the events are the record; the projection only shows
 * the present) plus the counted link opens, and the check of the hash chain over the stored rows.
 *
 * <p>Readable by the journey's owner, named by its first event, and by administrators; anyone else gets the answer
 * of an unknown journey. A deleted journey's audit stays readable: its events are kept.
 */
@Component
public class JourneyAuditQueryHandler {

    private final EventStore eventStore;
    private final SharedLinkOpens linkOpens;
    private final EventChainVerifier chain;

    public JourneyAuditQueryHandler(EventStore eventStore, SharedLinkOpens linkOpens, EventChainVerifier chain) {
        this.eventStore = eventStore;
        this.linkOpens = linkOpens;
        this.chain = chain;
    }

    /** Null for an unknown journey or one the asker may not audit. */
    @QueryHandler
    public JourneyAudit handle(FetchJourneyAuditQuery query) {
        JourneyId journey = query.journeyId();
        DomainEventStream stream = eventStore.readEvents(journey.asString(), 0);
        if (!mayAudit(stream, query.requestedBy(), query.administrator())) {
            return null;
        }
        SharingTrail trail = new SharingTrail();
        stream.forEachRemaining(trail::apply);
        SharedLinkOpens.Counted opens = linkOpens.of(journey.value());
        return new JourneyAudit(journey.asString(), trail.shared(), trail.entries(),
                trail.periods(opens.byTokenFingerprint()), opens.linkOpens());
    }

    /** Null for an unknown journey or one the asker may not audit. */
    @QueryHandler
    public ChainVerification handle(FetchJourneyChainVerificationQuery query) {
        JourneyId journey = query.journeyId();
        if (!mayAudit(eventStore.readEvents(journey.asString(), 0), query.requestedBy(), query.administrator())) {
            return null;
        }
        return chain.verify(journey);
    }

    private static boolean mayAudit(DomainEventStream stream, UserId user, boolean administrator) {
        if (!stream.hasNext()) {
            return false;
        }
        if (administrator) {
            return true;
        }
        DomainEventMessage<?> first = stream.peek();
        return first.getSequenceNumber() == 0 && first.getPayload() instanceof JourneyStartedEvent started
                && started.ownerId().equals(user);
    }
}
