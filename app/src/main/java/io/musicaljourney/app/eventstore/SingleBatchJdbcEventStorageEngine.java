package io.musicaljourney.app.eventstore;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.util.List;
import java.util.stream.Stream;

/**
 * Axon's JDBC storage engine that can also read a single query's worth of tracked events.
 *
 * <p>Axon's tracked stream reads on until a query comes back empty, and Java's stream pipeline (upcasting is a
 * {@code flatMap}) asks an exhausted source a second time: each look that found a few new events cost two more
 * transactions, each with Axon's gap query ({@code min(global_index)}), on the coordinator's path before the events
 * reach the projector (seen in PostgreSQL's statement log for every VisitNode at one client, issue 5).
 * {@link WakeableEventSource} knows when it must look again, so it asks for one batch and is told whether the store
 * may hold more right now.
 */
public class SingleBatchJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager appendTransactions;

    /**
     * @param appendTransactions appends run in a transaction of this manager's (joined when one is active): the
     *                           builder's manager may run reads without one, but the events of one append and their
     *                           links commit together or not at all
     */
    public SingleBatchJdbcEventStorageEngine(TransactionManager appendTransactions,
                                             JdbcEventStorageEngine.Builder builder) {
        super(builder);
        this.appendTransactions = appendTransactions;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        appendTransactions.executeInTransaction(() -> super.appendEvents(events, serializer));
    }

    /** The events of one query after {@code after} (Axon's gap-aware query, with its jump over a long gap). */
    public Batch readBatch(TrackingToken after) {
        List<? extends TrackedEventData<?>> rows = fetchTrackedEvents(after, batchSize());
        Stream<TrackedEventMessage<?>> events =
                EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), getEventSerializer(), upcasterChain);
        return new Batch(events, mayHoldMore(after, rows));
    }

    /**
     * A full batch may be followed by more. So may one whose last event sits at the top of the query's range
     * ({@code index + batchSize}): the range is of positions, and positions of transactions that rolled back or are
     * still open leave it short. Otherwise the positions from the last event read to the top of the range were empty
     * when the query ran; an event above them that had committed already is read on the next wake-up (the commit of
     * such a position still open, any later commit, or the safety tick), never lost. An empty result has had Axon's
     * gap query already.
     */
    private boolean mayHoldMore(TrackingToken after, List<? extends TrackedEventData<?>> rows) {
        if (rows.isEmpty()) {
            return false;
        }
        if (rows.size() >= batchSize()) {
            return true;
        }
        if (!(after instanceof GapAwareTrackingToken previous)) {
            return false;
        }
        TrackingToken last = rows.get(rows.size() - 1).trackingToken();
        return last instanceof GapAwareTrackingToken reached
                && reached.getIndex() >= previous.getIndex() + batchSize();
    }

    /** One query's events, and whether the store may hold more after them right now. */
    public record Batch(Stream<TrackedEventMessage<?>> events, boolean mayHoldMore) {
    }
}
