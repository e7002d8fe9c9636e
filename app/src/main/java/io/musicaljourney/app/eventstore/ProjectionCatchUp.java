package io.musicaljourney.app.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The first position of a pooled processor that has no tokens yet (a new deployment, a projection added, or an
 * operator's rebuild from scratch: tokens deleted, table emptied): before Axon's processor takes over, the backlog is
 * folded in large chunks, each one transaction, and the processor starts where the last committed chunk ended.
 *
 * <p>Axon's processor spends most of a rebuild on its own bookkeeping for every event: the coordinator hands each
 * event to every segment's queue and counts the queues (a walk of each linked queue) before each one, and every work
 * package runs a unit of work, interceptors and monitors per event. The projector is the same: this calls the
 * processor's own handlers through the same kind of batch unit of work, so they fold a chunk per journey and write
 * it at its commit exactly as for a processor's batch, only with more events per batch (issue 5, P4).
 *
 * <p>Axon asks for it while it initialises the token store ({@code initialToken}), on the thread that starts the
 * processor (the application's start-up) and within the store's transaction: that transaction takes a PostgreSQL
 * advisory lock first, so a second instance starting at the same time waits, then finds the tokens the first one
 * stored and folds nothing. The starting thread folds the chunks, each committed in a transaction of its own (not
 * the store's), while a second thread reads the next one; at most {@code maxDuration} plus a chunk. Anything it cannot fold (a handler or a write failing) ends it at the last committed
 * chunk, and the processor goes on from there event by event, with its dead-letter queue; so does a processing group
 * that already has dead letters, whose journeys' later events must be parked rather than folded. The projector's
 * writes are idempotent by version, so a chunk folded twice (a crash between a chunk's commit and the tokens') changes
 * nothing. For the live processor the events up to the head at the start stay flagged as a replay, as Axon's own
 * initial token flags them; the operators' shadow rebuild ({@code ProjectionRebuilder}) starts its processor from a
 * plain position, as before, because its tokens become the live processor's at the switch.
 */
public class ProjectionCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCatchUp.class);

    private final String processingGroup;
    private final AnnotationEventHandlerAdapter handlers;
    private final JdbcTemplate jdbc;
    private final SpringTransactionManager chunkTransactions;
    private final int chunkSize;
    private final Duration maxDuration;
    private final BooleanSupplier stopping;
    private final boolean replayUntilHead;
    private final AtomicLong eventsFolded = new AtomicLong();
    private final AtomicLong chunksCommitted = new AtomicLong();

    /**
     * @param projector    the processing group's only event handler (the catch-up calls nothing else)
     * @param transactions chunks commit in transactions of their own, not in the token store's
     * @param maxDuration  the catch-up hands over to the processor after the chunk that passes this: it holds up the
     *                     processor's start, and with it the application's
     * @param stopping        true once the application is closing: the catch-up then ends after its current chunk
     * @param replayUntilHead the processor starts with the events up to the head at the start flagged as a replay,
     *                        as from Axon's default initial token; otherwise it starts from the tail, unflagged
     */
    public ProjectionCatchUp(String processingGroup, Object projector, JdbcTemplate jdbc,
                             PlatformTransactionManager transactions, int chunkSize, Duration maxDuration,
                             BooleanSupplier stopping, boolean replayUntilHead) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, not " + chunkSize);
        }
        this.processingGroup = processingGroup;
        this.handlers = new AnnotationEventHandlerAdapter(projector);
        this.jdbc = jdbc;
        DefaultTransactionDefinition ownTransaction = new DefaultTransactionDefinition();
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.chunkTransactions = new SpringTransactionManager(transactions, ownTransaction);
        this.chunkSize = chunkSize;
        this.maxDuration = maxDuration;
        this.stopping = stopping;
        this.replayUntilHead = replayUntilHead;
    }

    /** Events this instance folded in bulk since it started (a metric, and what tests look at). */
    public long eventsFolded() {
        return eventsFolded.get();
    }

    public long chunksCommitted() {
        return chunksCommitted.get();
    }

    /**
     * Axon's {@code initialToken}: folds the backlog, then returns where the processor starts. Called with the token
     * store's initialisation transaction active on this thread.
     */
    public TrackingToken initialToken(StreamableMessageSource<TrackedEventMessage<?>> source) {
        TrackingToken head = source.createHeadToken();
        TrackingToken axonDefault = replayUntilHead ? ReplayToken.createReplayToken(head, source.createTailToken())
                : source.createTailToken();
        // Held until the token store's transaction ends, that is until the tokens it initialises are visible.
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext('mj-catch-up'), hashtext(?))", rows -> null, processingGroup);
        if (tokensExist()) {
            // Another instance caught up and stored its tokens while this one waited; its store wins.
            return axonDefault;
        }
        if (head == null) {
            return axonDefault;
        }
        if (hasDeadLetters()) {
            log.info("Processor [{}] has dead letters: it folds its events one by one from the start, no bulk catch-up",
                    processingGroup);
            return axonDefault;
        }
        TrackingToken reached = foldBacklog(source);
        if (reached == null) {
            return axonDefault;
        }
        return replayUntilHead ? ReplayToken.createReplayToken(head, reached) : reached;
    }

    private TrackingToken foldBacklog(StreamableMessageSource<TrackedEventMessage<?>> source) {
        long started = System.nanoTime();
        long startedCpu = threadCpuNanos();
        long folded = 0;
        TrackingToken reached = null;
        ChunkReader reader = new ChunkReader(source, started + maxDuration.toNanos());
        Thread readerThread = new Thread(reader, "catch-up-read[" + processingGroup + "]");
        readerThread.setDaemon(true);
        readerThread.start();
        try {
            while (true) {
                Chunk chunk = reader.chunks.take();
                if (chunk.failure() != null) {
                    throw chunk.failure();
                }
                if (!chunk.events().isEmpty()) {
                    fold(chunk.events());
                    reached = chunk.events().get(chunk.events().size() - 1).trackingToken();
                    folded += chunk.events().size();
                }
                if (chunk.last()) {
                    break;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            log.warn("Processor [{}]: bulk catch-up stopped after {} events; the processor folds the rest one by one",
                    processingGroup, folded, failure);
        } finally {
            reader.abandoned = true;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (folded > 0) {
            // The folding thread's own CPU time tells whether it waited (for the reader, the database, a core) or
            // worked.
            double cpuSeconds = (threadCpuNanos() - startedCpu) / 1e9;
            log.info("Processor [{}] caught up {} events in bulk in {} s ({} events/s, {} s of the folding thread's"
                            + " CPU), up to {}",
                    processingGroup, folded, String.format("%.1f", seconds),
                    Math.round(folded / Math.max(seconds, 1e-3)), String.format("%.1f", cpuSeconds), reached);
        }
        return reached;
    }

    /** Events in stream order; the last chunk ends the catch-up, a failure ends it at the chunk before. */
    private record Chunk(List<TrackedEventMessage<?>> events, boolean last, RuntimeException failure) {
    }

    /**
     * Reads and deserialises the next chunk while the one before is folded and written: the read is a query per 100
     * events and a round trip each, and the payloads' deserialisation is a third of the per-event work, so the two
     * threads overlap where one waited for the other (issue 5, P4).
     */
    private final class ChunkReader implements Runnable {

        /** One chunk ahead at most: the heap holds the chunk being folded and the next one. */
        final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(1);
        private final StreamableMessageSource<TrackedEventMessage<?>> source;
        private final long deadline;
        volatile boolean abandoned;

        ChunkReader(StreamableMessageSource<TrackedEventMessage<?>> source, long deadline) {
            this.source = source;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
                List<TrackedEventMessage<?>> events = new ArrayList<>(chunkSize);
                while (true) {
                    boolean over = stopping.getAsBoolean() || System.nanoTime() - deadline >= 0;
                    boolean more = !over && stream.hasNextAvailable();
                    if (more) {
                        events.add(deserialised(stream.nextAvailable()));
                    }
                    if (events.size() == chunkSize || !more) {
                        if (!hand(new Chunk(events, !more, null)) || !more) {
                            return;
                        }
                        events = new ArrayList<>(chunkSize);
                    }
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                try {
                    hand(new Chunk(List.of(), true, failure));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * The event deserialised here, on this thread, into a message that holds only the payload, the metadata and
         * the time. The store's message keeps its serialised and upcast forms (a JSON tree per event) besides: with a
         * chunk being read and two more waiting or folded, those were most of the young generation, and the
         * collector spent about a third of the catch-up copying and promoting them.
         */
        private TrackedEventMessage<?> deserialised(TrackedEventMessage<?> event) {
            if (!(event instanceof DomainEventMessage<?> stored)) {
                event.getPayload();
                return event;
            }
            Instant timestamp = stored.getTimestamp();
            return new GenericTrackedDomainEventMessage<>(event.trackingToken(), stored.getType(),
                    stored.getAggregateIdentifier(), stored.getSequenceNumber(),
                    new GenericMessage<>(stored.getIdentifier(), stored.getPayload(), stored.getMetaData()),
                    () -> timestamp);
        }

        /** False when the folding side gave up (a chunk failed): nobody takes chunks any more. */
        private boolean hand(Chunk chunk) throws InterruptedException {
            while (!abandoned) {
                if (chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One chunk through the handlers in one batch unit of work and one transaction, or an exception. */
    private void fold(List<TrackedEventMessage<?>> chunk) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.copyOf(chunk));
        unitOfWork.attachTransaction(chunkTransactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = unitOfWork.getMessage();
            if (handlers.canHandle(event)) {
                handlers.handle(event);
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("A chunk of the bulk catch-up failed", failure);
        }
        eventsFolded.addAndGet(chunk.size());
        chunksCommitted.incrementAndGet();
    }

    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    private boolean tokensExist() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class,
                processingGroup);
        return count != null && count > 0;
    }

    private boolean hasDeadLetters() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM dead_letter_entry WHERE processing_group = ?)", Boolean.class,
                processingGroup));
    }
}
