package io.musicaljourney.app.eventstore;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Joins the Spring transaction active on this thread, and starts none where there is none: the event storage engine's
 * reads, each a single statement over rows that never change once committed, then run on an autocommit connection.
 *
 * <p>Not a {@code SpringTransactionManager} with {@code PROPAGATION_SUPPORTS}: Axon's manager commits only a
 * transaction that Spring reports as new, and Spring's "empty" transaction of {@code SUPPORTS} is never new, so its
 * thread-bound connection was never released (the pool ran dry in {@code MultiInstanceIT}).
 */
final class JoiningTransactionManager implements TransactionManager {

    private final TransactionManager joining;

    /** @param joining the manager whose transactions join an active one (Axon's {@code SpringTransactionManager}) */
    JoiningTransactionManager(TransactionManager joining) {
        this.joining = joining;
    }

    @Override
    public Transaction startTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive() ? joining.startTransaction()
                : NoTransactionManager.INSTANCE.startTransaction();
    }
}
