package io.musicaljourney.app.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event stream the projections read, straight from the storage engine, woken the moment new events may be
 * there instead of on a timer.
 *
 * <p>Axon's embedded event store gives streaming processors no availability callback, so a pooled processor with
 * nothing to do looks again only every 500 ms; a command that waits for its projection (read-your-writes) would
 * wait that long. Here every open stream accepts the processor's callback and runs it when {@link #wake()} is
 * called: after each local commit of events, on a notification from another instance, and on a slow safety tick
 * that also covers anything a notification may have missed. Each look is one indexed query on
 * {@code domain_event_entry}; gaps left by transactions that commit out of order are the storage engine's
 * business, as with Axon's own stream.
 *
 * <p>A stream that has read everything there was looks again only once it has been woken since that read began.
 * The processor's coordinator peeks many times per round (about ten) and runs a round on every wake-up and on every
 * finished batch; each of those peeks was a transaction of two queries while nothing could have changed: about 20
 * such reads per VisitNode and 11 per idle second in PostgreSQL's statement log (issue 5). Every commit that could
 * add events wakes the stream after it is visible, so skipping those reads loses nothing. For the same reason, once
 * a stream has read everything there was, a look reads one batch from a {@link SingleBatchJdbcEventStorageEngine}
 * instead of Axon's stream, which asks on until a query finds nothing (three transactions for each look that found
 * something).
 */
public class WakeableEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WakeableEventSource.class);

    private final EventStorageEngine storage;
    /** The same engine when it can read one batch per look, else null (every look then reads through Axon's). */
    private final SingleBatchJdbcEventStorageEngine singleBatches;
    private final Set<WakeableStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    public WakeableEventSource(EventStorageEngine storage, Duration safetyTick) {
        this.storage = storage;
        this.singleBatches = storage instanceof SingleBatchJdbcEventStorageEngine engine ? engine : null;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-source-tick");
            thread.setDaemon(true);
            return thread;
        });
        long period = safetyTick.toMillis();
        ticker.scheduleWithFixedDelay(this::wake, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        WakeableStream stream = new WakeableStream(trackingToken);
        streams.add(stream);
        return stream;
    }

    /** New events may be readable: every open stream looks again and calls its processor back. */
    public void wake() {
        streams.forEach(WakeableStream::wake);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        streams.forEach(WakeableStream::close);
    }

    private final class WakeableStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Object signal = new Object();
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> batch;
        private Iterator<? extends TrackedEventMessage<?>> pending;
        private TrackedEventMessage<?> peeked;
        private volatile Runnable onAvailable;
        private volatile boolean woken;
        /** Set by every wake-up, cleared as a read begins: a wake-up during a read makes the next one happen. */
        private volatile boolean mayHaveMore = true;
        /**
         * Whether a read has found nothing new since the stream opened. Until then (a backlog, a catch-up) reads go on
         * through Axon's stream until a query comes back empty; after it, each look reads one batch.
         */
        private boolean reachedHead;
        private volatile boolean closed;

        private WakeableStream(TrackingToken from) {
            this.lastToken = from;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(fetchIfEmpty() ? peeked : null);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!closed) {
                woken = false;
                if (fetchIfEmpty()) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                synchronized (signal) {
                    if (!woken) {
                        TimeUnit.NANOSECONDS.timedWait(signal, remaining);
                    }
                }
            }
            return false;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (closed) {
                    throw new IllegalStateException("The event stream was closed");
                }
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            lastToken = next.trackingToken();
            return next;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.onAvailable = callback;
            return true;
        }

        private void wake() {
            mayHaveMore = true;
            woken = true;
            synchronized (signal) {
                signal.notifyAll();
            }
            Runnable callback = onAvailable;
            if (callback != null && !closed) {
                try {
                    callback.run();
                } catch (RuntimeException failure) {
                    log.warn("An event processor's wake-up callback failed", failure);
                }
            }
        }

        /** Takes the next event from the current batch, or reads a new batch from where the last one ended. */
        private boolean fetchIfEmpty() {
            if (peeked != null) {
                return true;
            }
            if (pending == null || !pending.hasNext()) {
                if (pending != null) {
                    // Axon's stream ends only when a query finds nothing: everything there was has been read.
                    reachedHead = true;
                }
                closeBatch();
                if (!mayHaveMore) {
                    return false;
                }
                mayHaveMore = false;
                if (reachedHead && singleBatches != null) {
                    SingleBatchJdbcEventStorageEngine.Batch read = singleBatches.readBatch(lastToken);
                    if (read.mayHoldMore()) {
                        mayHaveMore = true;
                    }
                    batch = read.events();
                } else {
                    batch = storage.readEvents(lastToken, false);
                }
                pending = batch.iterator();
            }
            if (pending.hasNext()) {
                peeked = pending.next();
                return true;
            }
            reachedHead = true;
            return false;
        }

        private void closeBatch() {
            if (batch != null) {
                batch.close();
                batch = null;
                pending = null;
            }
        }

        @Override
        public void close() {
            closed = true;
            streams.remove(this);
            closeBatch();
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }
}
