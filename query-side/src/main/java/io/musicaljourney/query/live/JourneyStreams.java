package io.musicaljourney.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.sharing.ShareToken;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open server-sent event streams of journeys, fed from the event store.
 *
 * <p>A notification ({@link #changed}) is only a wake-up call: each stream then reads its journey's events after
 * the last sequence number it sent ({@code EventStore#readEvents(id, last + 1)}), so what a stream sends comes from
 * the store, in order, each event once, whether the notification came from this instance's commit, another
 * instance's {@code NOTIFY}, arrived twice or was folded with others. A new stream registers first and then
 * catches up from the client's {@code Last-Event-ID} (or from the head of the journey when there is none); a
 * commit racing with the registration is found by that first catch-up, and any later one by the next.
 *
 * <p>The work runs on a small pool of delivery threads, at most one task queued per stream, never on the
 * notifying thread. Every stream gets a comment line as heartbeat, which is also how a client that went away
 * without a word is noticed: the write fails and the stream is dropped. Timeouts, errors and completion all drop
 * it too, and shutting down completes every stream before the web server drains its requests.
 */
@Component
public class JourneyStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyStreams.class);

    private final EventStore eventStore;
    private final ObjectMapper json;
    private final Duration timeout;
    private final int maxStreams;
    private final Map<String, Set<Stream>> byJourney = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService delivery;
    private final ScheduledExecutorService heartbeats;
    private final Duration heartbeat;
    private volatile boolean running;

    public JourneyStreams(EventStore eventStore, ObjectMapper json,
                          @Value("${journey.live.heartbeat:15s}") Duration heartbeat,
                          @Value("${journey.live.timeout:30m}") Duration timeout,
                          @Value("${journey.live.max-streams:2000}") int maxStreams,
                          @Value("${journey.live.delivery-threads:2}") int deliveryThreads) {
        this.eventStore = eventStore;
        this.json = json;
        this.heartbeat = heartbeat;
        this.timeout = timeout;
        this.maxStreams = maxStreams;
        this.delivery = Executors.newFixedThreadPool(deliveryThreads, daemon("journey-live-"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("journey-live-heartbeat-"));
    }

    /** The owner's stream of every event of the journey; 404 for anybody else, or a deleted or unknown journey. */
    public SseEmitter openForOwner(JourneyId journeyId, UserId user, Long lastEventId) {
        LiveEvents.Access access = accessOf(journeyId, Long.MAX_VALUE);
        if (!access.readableBy(user)) {
            throw JourneyRejectedException.notFound();
        }
        return register(journeyId, null, null, startAfter(lastEventId, access.lastSequence()));
    }

    /** A shared link's stream: visits, tracks and narratives only; ends when the link stops working. */
    public SseEmitter openForShareToken(JourneyId journeyId, ShareToken token, Long lastEventId) {
        LiveEvents.Access access = accessOf(journeyId, Long.MAX_VALUE);
        if (!access.readableWith(token)) {
            throw JourneyRejectedException.notFound();
        }
        // The link opens the journey now: what happened to it before (replayed after Last-Event-ID) is history;
        // only later events can end the stream, judged from the state just checked.
        return register(journeyId, token, access, startAfter(lastEventId, access.lastSequence()));
    }

    /** Events of this journey (aggregate id) may have been committed. */
    public void changed(String journeyId) {
        Set<Stream> streams = byJourney.get(journeyId);
        if (streams != null) {
            streams.forEach(this::schedule);
        }
    }

    /** Anything may have changed (notifications may have been lost): every stream looks. */
    public void changedAll() {
        byJourney.values().forEach(streams -> streams.forEach(this::schedule));
    }

    public int openStreams() {
        return open.get();
    }

    /**
     * Where a stream resumes: after the client's {@code Last-Event-ID}, or at the head when it has none. An id
     * beyond the head (another journey's, or made up) would make the stream wait for events it never sends; the
     * head is the most a client can have seen.
     */
    static long startAfter(Long lastEventId, long head) {
        return lastEventId == null ? head : Math.max(-1, Math.min(lastEventId, head));
    }

    private LiveEvents.Access accessOf(JourneyId journeyId, long upToSequence) {
        LiveEvents.Access access = new LiveEvents.Access();
        DomainEventStream events = eventStore.readEvents(journeyId.toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() > upToSequence) {
                break;
            }
            access.apply(event);
        }
        return access;
    }

    private SseEmitter register(JourneyId journeyId, ShareToken token, LiveEvents.Access access, long from) {
        if (!running) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Shutting down");
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Too many open streams");
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Stream stream = new Stream(journeyId.toString(), emitter, token, access, from);
        emitter.onCompletion(() -> drop(stream));
        emitter.onTimeout(() -> drop(stream));
        emitter.onError(failure -> drop(stream));
        byJourney.computeIfAbsent(stream.journeyId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        try {
            // Sent once the response starts: makes proxies and clients see the stream open at once.
            emitter.send(SseEmitter.event().comment("stream open").reconnectTime(3000));
        } catch (IOException | IllegalStateException failure) {
            drop(stream);
            throw new IllegalStateException("Cannot start the stream", failure);
        }
        schedule(stream);
        return emitter;
    }

    private void schedule(Stream stream) {
        if (stream.closed || !stream.scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            delivery.execute(() -> {
                stream.scheduled.set(false);
                catchUp(stream);
            });
        } catch (RejectedExecutionException shuttingDown) {
            stream.scheduled.set(false);
        }
    }

    /** Sends every event after the last one sent, in order; a concurrent wake-up waits and then finds nothing. */
    private void catchUp(Stream stream) {
        synchronized (stream) {
            if (stream.closed) {
                return;
            }
            try {
                DomainEventStream events = eventStore.readEvents(stream.journeyId, stream.lastSequence + 1);
                while (events.hasNext() && !stream.closed) {
                    DomainEventMessage<?> event = events.next();
                    if (event.getSequenceNumber() <= stream.lastSequence) {
                        continue;
                    }
                    send(stream, event);
                    stream.lastSequence = event.getSequenceNumber();
                }
            } catch (IOException | IllegalStateException clientGone) {
                drop(stream);
            } catch (RuntimeException failure) {
                // The store failed us: the next notification or heartbeat tries again from the same place.
                log.warn("Reading the events of journey {} for a live stream failed", stream.journeyId, failure);
            }
        }
    }

    private void send(Stream stream, DomainEventMessage<?> event) throws IOException {
        Object payload = event.getPayload();
        if (stream.shareToken != null) {
            if (event.getSequenceNumber() > stream.access.lastSequence()) {
                stream.access.apply(event);
                if (!stream.access.readableWith(stream.shareToken)) {
                    finish(stream, "share-revoked");
                    return;
                }
            }
            if (!LiveEvents.isPublic(payload)) {
                return;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (stream.shareToken == null) {
            data.put("journeyId", stream.journeyId);
        }
        data.put("version", event.getSequenceNumber());
        data.put("type", LiveEvents.name(event));
        data.put("occurredAt", event.getTimestamp());
        data.put("payload", payload);
        stream.emitter.send(SseEmitter.event()
                .id(Long.toString(event.getSequenceNumber()))
                .name(LiveEvents.name(event))
                .data(render(data)));
        if (stream.shareToken == null && "JourneyDeleted".equals(LiveEvents.name(event))) {
            finish(stream, "journey-deleted");
        }
    }

    /** Ends a stream that will never have more to say, telling the client why (no id: it changes nothing). */
    private void finish(Stream stream, String reason) throws IOException {
        stream.emitter.send(SseEmitter.event().name("end").data(render(Map.of("reason", reason))));
        drop(stream);
    }

    private String render(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException failure) {
            throw new IllegalArgumentException("Cannot render a live event", failure);
        }
    }

    private void heartbeat() {
        byJourney.values().forEach(streams -> streams.forEach(stream -> {
            try {
                delivery.execute(() -> {
                    synchronized (stream) {
                        if (stream.closed) {
                            return;
                        }
                        try {
                            stream.emitter.send(SseEmitter.event().comment("heartbeat"));
                        } catch (IOException | IllegalStateException clientGone) {
                            drop(stream);
                        }
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                // Stopping: every stream is being completed anyway.
            }
        }));
    }

    private void drop(Stream stream) {
        if (!stream.dropped.compareAndSet(false, true)) {
            return;
        }
        stream.closed = true;
        byJourney.computeIfPresent(stream.journeyId, (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
        open.decrementAndGet();
        try {
            stream.emitter.complete();
        } catch (RuntimeException alreadyDone) {
            // The container finished the response first.
        }
    }

    @Override
    public void start() {
        long period = heartbeat.toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Before the web server's graceful shutdown (a higher phase stops first), which would wait for the streams. */
    @Override
    public void stop() {
        running = false;
        List.copyOf(byJourney.values()).forEach(streams -> List.copyOf(streams).forEach(this::drop));
        heartbeats.shutdownNow();
        delivery.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Stream {

        final String journeyId;
        final SseEmitter emitter;
        /** Null for the owner's stream. */
        final ShareToken shareToken;
        /** For a public stream: whether its token still opens the journey, as of the last event it judged. */
        final LiveEvents.Access access;
        final AtomicBoolean scheduled = new AtomicBoolean();
        final AtomicBoolean dropped = new AtomicBoolean();
        volatile boolean closed;
        /** The last sequence number sent (or skipped); guarded by the stream's monitor. */
        long lastSequence;

        Stream(String journeyId, SseEmitter emitter, ShareToken shareToken, LiveEvents.Access access,
               long lastSequence) {
            this.journeyId = journeyId;
            this.emitter = emitter;
            this.shareToken = shareToken;
            this.access = access;
            this.lastSequence = lastSequence;
        }
    }
}
