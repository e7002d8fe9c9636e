package io.musicaljourney.query.journey.projection;

import io.musicaljourney.journey.JourneyId;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hands event messages straight to the application's projector bean, the way its processor does: a batch in one
 * unit of work with the database transaction attached. Tests choose the sequence numbers and times, and can hand
 * the same messages over again, as a redelivery would.
 */
public final class ProjectorFeed {

    private final AnnotationEventHandlerAdapter projector;
    private final TransactionManager transactions;

    public ProjectorFeed(JourneyProjector projector, TransactionManager transactions) {
        this.projector = new AnnotationEventHandlerAdapter(projector);
        this.transactions = transactions;
    }

    public static DomainEventMessage<?> event(JourneyId journey, long sequence, Instant at, Object payload) {
        return new GenericDomainEventMessage<>("Journey", journey.toString(), sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at);
    }

    public void project(DomainEventMessage<?>... batch) {
        project(List.of(batch));
    }

    public void project(List<? extends DomainEventMessage<?>> batch) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(batch.get(0));
        unitOfWork.attachTransaction(transactions);
        try {
            for (DomainEventMessage<?> message : batch) {
                projector.handle(message);
            }
        } catch (Exception failure) {
            unitOfWork.rollback(failure);
            throw new IllegalStateException("The projector failed", failure);
        }
        unitOfWork.commit();
    }
}
