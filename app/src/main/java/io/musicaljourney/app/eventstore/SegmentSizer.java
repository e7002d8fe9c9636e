package io.musicaljourney.app.eventstore;

import io.musicaljourney.app.eventstore.SegmentBalancingConfiguration.ProjectorPresence;
import io.musicaljourney.app.eventstore.SegmentBalancingConfiguration.ProjectorPresence.Census;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps as many segments of a processor as there are instances projecting it: split when an instance joins, merged
 * when one leaves.
 *
 * <p>Each segment is a work package with a transaction of its own per batch: the dead-letter check, the rows, the
 * token and the commit. Under read-your-writes a command waits for its projection, so the events of a busy moment
 * spread over every segment and each batch carries about two of them; with one segment the same events share one
 * transaction (issue 5: a lone instance's CPU per VisitNode fell by about a quarter, from four segments to one).
 * Several instances still need a segment each to share the work, so the count follows them: the instance holding
 * the largest segment splits it when instances outnumber segments (Axon releases both halves and the balancing
 * share hands one to the instance that holds none), and an instance holding two sibling segments merges them when
 * segments outnumber instances. One step per look; each look reads the presence afresh. Nothing is resized while a
 * rebuild runs anywhere ({@link RebuildLock}): its switch replaces the live processor's token rows.
 */
final class SegmentSizer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentSizer.class);
    /** A split or merge waits for the batch under way to end; longer than that means the processor is stuck. */
    private static final long STEP_TIMEOUT_SECONDS = 60;

    private final String processorName;
    private final ProjectorPresence presence;
    private final Supplier<EventProcessingConfiguration> processing;
    private final BooleanSupplier rebuilding;
    private final Duration interval;
    private ScheduledExecutorService timer;

    SegmentSizer(String processorName, ProjectorPresence presence,
                 Supplier<EventProcessingConfiguration> processing, BooleanSupplier rebuilding, Duration interval) {
        this.processorName = processorName;
        this.presence = presence;
        this.processing = processing;
        this.rebuilding = rebuilding;
        this.interval = interval;
    }

    /** What this instance should do to its segments now, if anything. */
    sealed interface Step {
        CompletableFuture<Boolean> applyTo(StreamingEventProcessor processor);
    }

    record Split(int segment) implements Step {
        @Override
        public CompletableFuture<Boolean> applyTo(StreamingEventProcessor processor) {
            return processor.splitSegment(segment);
        }
    }

    record Merge(int segment) implements Step {
        @Override
        public CompletableFuture<Boolean> applyTo(StreamingEventProcessor processor) {
            return processor.mergeSegment(segment);
        }
    }

    /**
     * @param census who projects and who holds which segment, as the database says
     * @param heldHere the segments this instance's processor works on now
     */
    static Optional<Step> decide(Census census, Set<Integer> heldHere) {
        Map<Integer, Segment> segments = segments(census.owners().keySet());
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        if (census.instances() > segments.size()) {
            // Only the holder of the largest segment splits, so instances do not split several at once.
            Segment largest = segments.values().stream()
                    .min(Comparator.comparingInt(Segment::getMask).thenComparingInt(Segment::getSegmentId))
                    .orElseThrow();
            return heldHere.contains(largest.getSegmentId())
                    ? Optional.of(new Split(largest.getSegmentId())) : Optional.empty();
        }
        if (census.instances() < segments.size()) {
            return heldHere.stream().sorted().map(segments::get)
                    .filter(segment -> segment != null && segment.getMask() != 0)
                    .filter(segment -> {
                        Segment sibling = segments.get(segment.mergeableSegmentId());
                        return sibling != null && sibling.getMask() == segment.getMask()
                                && heldHere.contains(sibling.getSegmentId());
                    })
                    .findFirst()
                    .map(segment -> new Merge(segment.getSegmentId()));
        }
        return Optional.empty();
    }

    private static Map<Integer, Segment> segments(Set<Integer> ids) {
        int[] all = ids.stream().mapToInt(Integer::intValue).toArray();
        return ids.stream().collect(Collectors.toMap(id -> id, id -> Segment.computeSegment(id, all)));
    }

    /** One look: at most one split or merge, finished before it returns. */
    void resize() {
        EventProcessingConfiguration configuration = processing.get();
        if (configuration == null) {
            return;
        }
        Optional<StreamingEventProcessor> found =
                configuration.eventProcessor(processorName, StreamingEventProcessor.class);
        if (found.isEmpty() || !found.get().isRunning() || found.get().isError() || rebuilding.getAsBoolean()) {
            return;
        }
        StreamingEventProcessor processor = found.get();
        presence.census(processorName).flatMap(census -> decide(census, processor.processingStatus().keySet())
                .map(step -> {
                    log.info("{} of processor {}: {} projecting instance(s), {} segment(s)", step, processorName,
                            census.instances(), census.segments());
                    return step;
                }))
                .ifPresent(step -> {
                    try {
                        if (!step.applyTo(processor).get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                            log.info("{} of processor {} did not happen (a claim moved meanwhile); looking again",
                                    step, processorName);
                        }
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    } catch (Exception failed) {
                        log.warn("{} of processor {} failed; looking again in {}", step, processorName, interval,
                                failed);
                    }
                });
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-sizer-" + processorName);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                resize();
            } catch (RuntimeException unexpected) {
                log.warn("Cannot size the segments of processor {}", processorName, unexpected);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Started after the processors and stopped before them: it has nothing to size while they are down. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
