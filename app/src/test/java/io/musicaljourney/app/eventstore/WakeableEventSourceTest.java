package io.musicaljourney.app.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator of a pooled processor peeks its stream many times per round; a stream that has read everything
 * goes back to the database only after a wake-up, which every commit of events sends once it is visible.
 */
class WakeableEventSourceTest {

    private final CountingEngine storage = new CountingEngine();
    private final WakeableEventSource source = new WakeableEventSource(storage, Duration.ofMinutes(10));

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void aStreamThatReadEverythingDoesNotReadAgainUntilWoken() {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(stream.peek()).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(stream.peek()).isEmpty();
        }
        assertThat(storage.reads.get()).isEqualTo(1);

        source.wake();
        assertThat(stream.peek()).isEmpty();
        assertThat(storage.reads.get()).isEqualTo(2);
    }

    @Test
    void eventsCommittedBeforeTheWakeUpAreRead() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        assertThat(stream.peek()).isEmpty();

        storage.appendEvents(event("journey-1", 0));
        source.wake();

        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("journey-1/0");
        assertThat(stream.peek()).isEmpty();
    }

    @Test
    void aWakeUpArrivingWhileAReadRunsMakesTheNextPeekReadAgain() {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        // A commit becomes visible, and wakes the stream, after the read has already looked.
        storage.duringNextRead = () -> {
            storage.appendEvents(event("journey-2", 0));
            source.wake();
        };

        assertThat(stream.peek()).isEmpty();
        assertThat(stream.peek()).hasValueSatisfying(e -> assertThat(e.getPayload()).isEqualTo("journey-2/0"));
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Journey", aggregate, sequence, aggregate + "/" + sequence);
    }

    /** The real in-memory engine, counting the reads of the event stream. */
    private static final class CountingEngine extends InMemoryEventStorageEngine {
        final AtomicInteger reads = new AtomicInteger();
        Runnable duringNextRead;

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            reads.incrementAndGet();
            // The events are collected before the hook runs, as a query's snapshot is taken before a later commit.
            var events = super.readEvents(trackingToken, mayBlock).toList();
            Runnable hook = duringNextRead;
            duringNextRead = null;
            if (hook != null) {
                hook.run();
            }
            return events.stream();
        }
    }
}
