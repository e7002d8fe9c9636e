package io.musicaljourney.app.aggregate;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * A command decides on a cached aggregate without reading the store, unless its outcome leaves open whether that
 * aggregate was current; then it is decided again after the read. "Another instance" here is an event appended to
 * the store behind this repository's cache.
 */
class CachedDecisionsTest {

    private static final String ID = "counter-1";

    private EmbeddedEventStore embedded;
    private EventStore store;
    private CatchingUpCachingRepository<Counter> repository;
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void createOneCachedCounter() {
        embedded = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        store = spy(embedded);
        repository = new CatchingUpCachingRepository<>(EventSourcingRepository.builder(Counter.class), store,
                new BoundedCache(10));
        inUnitOfWork(() -> repository.newInstance(() -> new Counter(ID)));
        clearInvocations(store);
    }

    @AfterEach
    void shutDown() {
        embedded.shutDown();
    }

    @Test
    void aCommandThatAppendsDecidesOnTheCachedAggregateWithoutReadingTheStore() {
        int value = CachedDecisions.run(() -> command(counter -> increment(counter)));

        assertThat(value).isEqualTo(1);
        assertThat(attempts).hasValue(1);
        verify(store, never()).readEvents(eq(ID), anyLong());
    }

    @Test
    void outsideAnAttemptACachedAggregateIsCaughtUpBeforeTheCommandDecides() {
        int value = command(counter -> increment(counter));

        assertThat(value).isEqualTo(1);
        verify(store, times(1)).readEvents(ID, 1);
    }

    @Test
    void aRefusalOnAStaleCachedAggregateIsDecidedAgainAfterReading() {
        appendedByAnotherInstance(5);

        int value = CachedDecisions.run(() -> command(counter -> {
            if (counter.invoke(c -> c.value) != 5) {
                throw new IllegalStateException("expects 5");
            }
            return increment(counter);
        }));

        assertThat(value).isEqualTo(6);
        assertThat(attempts).as("refused on the cached 0, then accepted on the 5 read").hasValue(2);
    }

    @Test
    void aCommandThatChangesNothingIsDecidedAgainAfterReading() {
        appendedByAnotherInstance(5);

        int value = CachedDecisions.run(() -> command(counter -> counter.invoke(c -> c.value)));

        assertThat(value).as("not the cached 0").isEqualTo(5);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aRefusalThatStandsAfterReadingIsAnsweredOnce() {
        assertThatThrownBy(() -> CachedDecisions.run(() -> command(counter -> {
            throw new IllegalStateException("never");
        }))).hasMessage("never");
        assertThat(attempts).as("decided on the cache, then again after reading").hasValue(2);
    }

    @Test
    void aFailureBeforeAnyCachedAggregateIsUsedIsNotRetried() {
        assertThatThrownBy(() -> CachedDecisions.run(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("bad request");
        })).hasMessage("bad request");
        assertThat(attempts).hasValue(1);
    }

    private int command(Function<Aggregate<Counter>, Integer> decide) {
        attempts.incrementAndGet();
        return inUnitOfWork(() -> decide.apply(repository.load(ID)));
    }

    private static int increment(Aggregate<Counter> counter) {
        counter.execute(c -> AggregateLifecycle.apply(new Counted(ID, c.value + 1)));
        return counter.invoke(c -> c.value);
    }

    private void appendedByAnotherInstance(int value) {
        embedded.publish(new GenericDomainEventMessage<>(Counter.class.getSimpleName(), ID, 1, new Counted(ID, value)));
        clearInvocations(store);
    }

    private static <R> R inUnitOfWork(java.util.concurrent.Callable<R> task) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            R result = task.call();
            unitOfWork.commit();
            return result;
        } catch (RuntimeException failed) {
            unitOfWork.rollback(failed);
            throw failed;
        } catch (Exception failed) {
            unitOfWork.rollback(failed);
            throw new IllegalStateException(failed);
        }
    }

    record Counted(String id, int value) {
    }

    static class Counter {
        @AggregateIdentifier
        private String id;
        private int value;

        Counter() {
        }

        Counter(String id) {
            AggregateLifecycle.apply(new Counted(id, 0));
        }

        @EventSourcingHandler
        void on(Counted event) {
            id = event.id();
            value = event.value();
        }
    }
}
