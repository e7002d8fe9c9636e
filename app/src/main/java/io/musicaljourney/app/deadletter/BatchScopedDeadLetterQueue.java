package io.musicaljourney.app.deadletter;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A dead-letter queue that, within one batch of a processor, asks the database once whether its group has any dead
 * letters at all, instead of once per event whether the event's journey has.
 *
 * <p>The dead-lettering invoker asks {@link #contains} for every event it handles, so that a journey with a parked
 * event parks its later events too. Against the JDBC queue that is a query per event, the largest share of the
 * projection's round trips once its writes are batched (issue 5). Axon's own per-instance cache of the answer went
 * stale when a segment moved between instances (it is off for that reason); this one lives for a single batch, and
 * within a batch nobody else adds letters for its journeys: the events of a journey all fall in one segment, and
 * only the instance holding that segment's claim handles them. So when the group had no letters as the batch began,
 * a journey's sequence holds letters exactly when this batch parked one. When the group has letters (rare, and
 * worth a look by an operator anyway), every event asks the database as before; any other change to the queue
 * within the batch (eviction, requeue, retry) has the rest of the batch ask too.
 */
final class BatchScopedDeadLetterQueue<M extends Message<?>> implements SequencedDeadLetterQueue<M> {

    private final SequencedDeadLetterQueue<M> delegate;
    private final String resource = BatchScopedDeadLetterQueue.class.getName() + "." + UUID.randomUUID();

    BatchScopedDeadLetterQueue(SequencedDeadLetterQueue<M> delegate) {
        this.delegate = delegate;
    }

    /** What this batch knows of the queue, or null outside a processor's batch. */
    private static final class Known {
        private boolean exact;
        private final Set<Object> parkedHere = new HashSet<>();

        private Known(boolean groupWasEmpty) {
            this.exact = groupWasEmpty;
        }
    }

    private Known known() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (!(root instanceof BatchingUnitOfWork<?>)) {
            return null;
        }
        Known known = root.getResource(resource);
        if (known == null) {
            // Not computeIfAbsent: the query registers the unit of work's connection among the same resources.
            known = new Known(delegate.amountOfSequences() == 0);
            root.resources().put(resource, known);
        }
        return known;
    }

    private void changedOtherwise() {
        Known known = known();
        if (known != null) {
            known.exact = false;
        }
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        Known known = known();
        if (known != null && known.exact) {
            return known.parkedHere.contains(sequenceIdentifier);
        }
        return delegate.contains(sequenceIdentifier);
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends M> letter)
            throws DeadLetterQueueOverflowException {
        delegate.enqueue(sequenceIdentifier, letter);
        Known known = known();
        if (known != null) {
            known.parkedHere.add(sequenceIdentifier);
        }
    }

    @Override
    public void evict(DeadLetter<? extends M> letter) {
        changedOtherwise();
        delegate.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends M> letter, UnaryOperator<DeadLetter<? extends M>> letterUpdater)
            throws NoSuchDeadLetterException {
        changedOtherwise();
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public Iterable<DeadLetter<? extends M>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends M>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends M>> sequenceFilter,
                           Function<DeadLetter<? extends M>, EnqueueDecision<M>> processingTask) {
        changedOtherwise();
        return delegate.process(sequenceFilter, processingTask);
    }

    @Override
    public boolean process(Function<DeadLetter<? extends M>, EnqueueDecision<M>> processingTask) {
        changedOtherwise();
        return delegate.process(processingTask);
    }

    @Override
    public void clear() {
        changedOtherwise();
        delegate.clear();
    }
}
