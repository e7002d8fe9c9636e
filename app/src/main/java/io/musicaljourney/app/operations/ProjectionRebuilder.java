package io.musicaljourney.app.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.app.eventstore.ProjectionCatchUp;
import io.musicaljourney.app.eventstore.RebuildLock;
import io.musicaljourney.query.journey.projection.JourneyProjector;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rebuilds the {@code journeys} projection from the first event without taking the read side down.
 *
 * <ol>
 *   <li>Only one rebuild runs in the whole deployment: the instance that runs it holds the PostgreSQL advisory
 *       lock {@link #LOCK_KEY} on a connection of its own for the whole rebuild (released by the server if the
 *       instance dies). Another request, on any instance, gets 409.</li>
 *   <li>A shadow table {@code journeys_rebuild} is created {@code LIKE journeys INCLUDING ALL} (same columns,
 *       defaults, constraints, indexes) and a second pooled processor, {@code journeys-rebuild}, with tokens and a
 *       dead-letter queue of its own, folds every event from the tail into it with a {@link JourneyProjector}
 *       writing that table; it starts without tokens, so the stored events are folded in bulk first
 *       ({@link ProjectionCatchUp}, on this rebuild's thread), and the processor goes on from there. It notifies no
 *       read-your-writes waiter. The live processor keeps running and the live table keeps serving.</li>
 *   <li>When the shadow covers the live processor's position (for every pair of segments that can hold the same
 *       journey), the switch: this instance's live processor is stopped; one transaction locks {@code journeys}
 *       in EXCLUSIVE mode (reads go on; the live processors of every instance can no longer commit a change to
 *       it), waits until the still running shadow covers the now frozen live position, stops the shadow, then
 *       drops the old table, renames the shadow to {@code journeys} with the original index names, replaces the
 *       live processor's token rows by the shadow's (owned by this instance, as just claimed) and its dead letters
 *       by the shadow's, and commits. This instance's live processor is started again and continues exactly from
 *       the shadow's tokens.</li>
 * </ol>
 *
 * <p>Guarantees: no event is lost or applied twice at the switch, because the table and the tokens that describe
 * it are swapped together in one transaction; the live processor resumes from the tokens of the table it now
 * writes. A batch that another instance's live processor was applying at the switch cannot commit: it is either
 * finished before the lock is granted (into the old table, which is then dropped), or blocked by the lock and then
 * unable to store its token, because the token rows now belong to this instance (Axon's token store rejects a
 * claim held by another node), so its whole transaction, table writes included, rolls back. Readers never see a
 * missing table and never see a journey older than before the switch (the shadow covers the live position).
 */
@Component
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class ProjectionRebuilder implements DisposableBean {

    public static final String PROJECTION = JourneyProjector.PROCESSING_GROUP;
    public static final String SHADOW_PROCESSOR = PROJECTION + "-rebuild";
    static final String LIVE_TABLE = JourneyProjector.LIVE_TABLE;
    static final String SHADOW_TABLE = LIVE_TABLE + "_rebuild";
    /** The advisory lock a running rebuild holds, in the whole database. */
    static final long LOCK_KEY = RebuildLock.KEY;

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    /** The shadow's bulk catch-up holds up only the rebuild's own thread: no bound but cancelling the rebuild. */
    private static final Duration MAX_CATCH_UP = Duration.ofDays(1);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final PlatformTransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final Serializer serializer;
    private final ConnectionProvider connectionProvider;
    private final DeadLetterSchema deadLetterSchema;
    private final ObjectMapper objectMapper;
    private final ApplicationContext context;
    private final String liveSourceName;
    private final ProcessorTokens tokens;
    private final Settings settings;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();

    private Rebuild current;

    public ProjectionRebuilder(DataSource dataSource, JdbcTemplate jdbc, NamedParameterJdbcTemplate namedJdbc,
                               PlatformTransactionManager transactionManager, EventProcessingConfiguration processing,
                               TokenStore tokenStore, TransactionManager axonTransactions, Serializer serializer,
                               ConnectionProvider connectionProvider, DeadLetterSchema deadLetterSchema,
                               ObjectMapper objectMapper, ApplicationContext context,
                               @Value("${axon.eventhandling.processors.journeys.source:}") String liveSourceName,
                               @Value("${journey.rebuild.batch-size:100}") int batchSize,
                               @Value("${journey.rebuild.thread-count:2}") int threadCount,
                               @Value("${journey.rebuild.progress-log-interval:10s}") Duration progressLogInterval,
                               @Value("${journey.rebuild.lock-timeout:5s}") Duration lockTimeout,
                               @Value("${journey.rebuild.switch-timeout:30s}") Duration switchTimeout,
                               @Value("${journey.rebuild.switch-attempts:5}") int switchAttempts,
                               @Value("${journey.projection.catch-up.enabled:true}") boolean catchUp,
                               @Value("${journey.projection.catch-up.chunk-size:5000}") int catchUpChunkSize) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.namedJdbc = namedJdbc;
        this.transactionManager = transactionManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.serializer = serializer;
        this.connectionProvider = connectionProvider;
        this.deadLetterSchema = deadLetterSchema;
        this.objectMapper = objectMapper;
        this.context = context;
        this.liveSourceName = liveSourceName;
        this.tokens = new ProcessorTokens(jdbc, serializer);
        this.settings = new Settings(batchSize, threadCount, progressLogInterval, lockTimeout, switchTimeout,
                switchAttempts, catchUp, catchUpChunkSize);
    }

    public enum StartResult { STARTED, ALREADY_RUNNING, UNKNOWN_PROJECTION }

    /** Whether the named processor can be rebuilt here. */
    public boolean rebuilds(String name) {
        return PROJECTION.equals(name);
    }

    /** Starts a rebuild in the background, unless one runs anywhere in the deployment. */
    public synchronized StartResult start(String name, String requestedBy) {
        if (!rebuilds(name)) {
            return StartResult.UNKNOWN_PROJECTION;
        }
        if (current != null) {
            return StartResult.ALREADY_RUNNING;
        }
        Connection lock = null;
        try {
            lock = dataSource.getConnection();
            lock.setAutoCommit(true);
            try (PreparedStatement statement = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, LOCK_KEY);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        lock.close();
                        return StartResult.ALREADY_RUNNING;
                    }
                }
            }
        } catch (SQLException failure) {
            closeQuietly(lock);
            throw new IllegalStateException("Cannot take the rebuild lock", failure);
        }
        Instant startedAt = Instant.now();
        jdbc.update("""
                INSERT INTO projection_rebuild (projection, state, phase, started_at, started_by, instance)
                VALUES (?, 'RUNNING', 'PREPARING', ?, ?, ?)
                ON CONFLICT (projection) DO UPDATE SET state = 'RUNNING', phase = 'PREPARING',
                    started_at = EXCLUDED.started_at, started_by = EXCLUDED.started_by, instance = EXCLUDED.instance,
                    finished_at = NULL, events_done = NULL, events_total = NULL, error = NULL
                """, name, Timestamp.from(startedAt), requestedBy, instance);
        current = new Rebuild(lock, startedAt);
        Thread thread = new Thread(current::run, "projection-rebuild-" + name);
        thread.setDaemon(true);
        current.thread = thread;
        thread.start();
        log.info("Rebuild of the {} projection started by {}", name, requestedBy);
        return StartResult.STARTED;
    }

    /** Whether a rebuild runs somewhere in the deployment (its instance holds the lock). */
    public boolean running() {
        return RebuildLock.heldAnywhere(jdbc);
    }

    /** The progress of the running rebuild, or the outcome of the last one; empty if there never was one. */
    public Optional<Map<String, Object>> status() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM projection_rebuild WHERE projection = ?", PROJECTION);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("projection", row.get("projection"));
        String state = (String) row.get("state");
        boolean running = "RUNNING".equals(state);
        if (running && !running()) {
            state = "ABANDONED";
        }
        status.put("state", state);
        status.put("phase", row.get("phase"));
        Instant startedAt = ((Timestamp) row.get("started_at")).toInstant();
        status.put("startedAt", startedAt.toString());
        status.put("startedBy", row.get("started_by"));
        status.put("instance", row.get("instance"));
        Timestamp finishedAt = (Timestamp) row.get("finished_at");
        status.put("finishedAt", finishedAt == null ? null : finishedAt.toInstant().toString());
        Progress progress = running && "RUNNING".equals(state) && !"DONE".equals(row.get("phase"))
                ? progress(startedAt, Instant.now())
                : new Progress(number(row.get("events_done")), number(row.get("events_total")),
                durationSeconds(startedAt, finishedAt == null ? Instant.now() : finishedAt.toInstant()));
        status.put("eventsDone", progress.done());
        status.put("eventsTotal", progress.total());
        status.put("eventsPerSecond", Math.round(progress.rate() * 10) / 10.0);
        status.put("estimatedSecondsLeft", progress.secondsLeft());
        ProjectionCatchUp bulk = running ? bulkCatchUp() : null;
        status.put("eventsInBulk", bulk != null ? Long.valueOf(bulk.eventsFolded()) : (Long) row.get("events_in_bulk"));
        status.put("error", row.get("error"));
        return Optional.of(status);
    }

    private synchronized ProjectionCatchUp bulkCatchUp() {
        return current == null ? null : current.catchUp;
    }

    /** The processor of the running rebuild when it runs on this instance. */
    synchronized Optional<StreamingEventProcessor> localShadow() {
        return current == null ? Optional.empty() : Optional.ofNullable(current.shadow);
    }

    @Override
    public void destroy() {
        Rebuild rebuild;
        synchronized (this) {
            rebuild = current;
        }
        if (rebuild != null) {
            rebuild.cancel();
        }
    }

    private Progress progress(Instant startedAt, Instant now) {
        long position = ProcessorTokens.lowest(tokens.of(SHADOW_PROCESSOR));
        ProjectionCatchUp bulk = bulkCatchUp();
        // No shadow tokens before its bulk catch-up ends: what that has folded so far is the progress.
        Long done = position < 0 && bulk != null ? Long.valueOf(bulk.eventsFolded())
                : jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?", Long.class,
                        position);
        Long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return new Progress(done == null ? 0 : done, total == null ? 0 : total, durationSeconds(startedAt, now));
    }

    private static double durationSeconds(Instant from, Instant to) {
        return Math.max(Duration.between(from, to).toMillis(), 1) / 1000.0;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the lock goes with the connection
            }
        }
    }

    record Progress(long done, long total, double seconds) {

        double rate() {
            return done / seconds;
        }

        Long secondsLeft() {
            double rate = rate();
            return rate <= 0 ? null : Math.round(Math.max(total - done, 0) / rate);
        }

        @Override
        public String toString() {
            long percent = total == 0 ? 100 : done * 100 / total;
            Long left = secondsLeft();
            return String.format("%,d / %,d events (%d %%), %,.0f events/s, about %s s left", done, total, percent,
                    rate(), left == null ? "?" : left.toString());
        }
    }

    record Settings(int batchSize, int threadCount, Duration progressLogInterval, Duration lockTimeout,
                    Duration switchTimeout, int switchAttempts, boolean catchUp, int catchUpChunkSize) {
    }

    /** Thrown inside the switch's transaction to roll it back and try again later. */
    private static final class NotYet extends RuntimeException {
        NotYet(String message) {
            super(message, null, false, false);
        }
    }

    /** One rebuild, on its own thread. */
    private final class Rebuild {

        private final Connection lock;
        private final Instant startedAt;
        private final CountDownLatch cancelled = new CountDownLatch(1);
        private volatile Thread thread;
        private volatile PooledStreamingEventProcessor shadow;
        /** Folds the events in bulk while the shadow processor starts; null when that is off. */
        private volatile ProjectionCatchUp catchUp;
        private ScheduledExecutorService coordinator;
        private ScheduledExecutorService workers;
        private Instant nextLog;

        private Rebuild(Connection lock, Instant startedAt) {
            this.lock = lock;
            this.startedAt = startedAt;
        }

        void cancel() {
            cancelled.countDown();
            Thread running = thread;
            if (running != null) {
                try {
                    running.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void run() {
            try {
                prepare();
                phase("CATCHING_UP");
                startShadow();
                boolean switched = false;
                for (int attempt = 1; !switched; attempt++) {
                    awaitCatchUp();
                    phase("SWITCHING");
                    switched = switchOver();
                    if (!switched) {
                        if (attempt >= settings.switchAttempts()) {
                            throw new IllegalStateException("The shadow could not take over after " + attempt
                                    + " attempts");
                        }
                        log.info("Switch attempt {} of the {} rebuild did not complete; the shadow goes on",
                                attempt, PROJECTION);
                        phase("CATCHING_UP");
                        shadow.start();
                    }
                }
                Progress progress = new Progress(count(), count(), durationSeconds(startedAt, Instant.now()));
                jdbc.update("""
                        UPDATE projection_rebuild SET state = 'DONE', phase = 'DONE', finished_at = now(),
                            events_done = ?, events_total = ?, events_in_bulk = ? WHERE projection = ?
                        """, progress.done(), progress.total(), catchUp == null ? 0 : catchUp.eventsFolded(),
                        PROJECTION);
                log.info("Rebuild of the {} projection done: {} switched over after {}", PROJECTION, progress,
                        Duration.between(startedAt, Instant.now()));
            } catch (Throwable failure) {
                log.error("Rebuild of the {} projection failed; the live table is unchanged", PROJECTION, failure);
                abandonShadow();
                try {
                    jdbc.update("""
                            UPDATE projection_rebuild SET state = 'FAILED', phase = 'FAILED', finished_at = now(),
                                error = ? WHERE projection = ?
                            """, String.valueOf(failure), PROJECTION);
                } catch (RuntimeException ignored) {
                    log.warn("Cannot record the failed rebuild", ignored);
                }
            } finally {
                stopShadow();
                if (coordinator != null) {
                    coordinator.shutdownNow();
                    workers.shutdownNow();
                }
                try (PreparedStatement unlock = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, LOCK_KEY);
                    unlock.execute();
                } catch (SQLException ignored) {
                    // closing the connection releases it as well
                }
                closeQuietly(lock);
                synchronized (ProjectionRebuilder.this) {
                    current = null;
                }
            }
        }

        /** A clean start: leftovers of an abandoned rebuild are dropped. */
        private void prepare() {
            transactions.executeWithoutResult(status -> {
                clearShadow();
                jdbc.execute("CREATE TABLE " + SHADOW_TABLE + " (LIKE " + LIVE_TABLE + " INCLUDING ALL)");
            });
        }

        private void clearShadow() {
            jdbc.execute("DROP TABLE IF EXISTS " + SHADOW_TABLE);
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", SHADOW_PROCESSOR);
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", SHADOW_PROCESSOR);
        }

        private void startShadow() {
            int segments = Math.max(1, tokens.of(PROJECTION).size());
            AtomicInteger threads = new AtomicInteger();
            coordinator = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                    "Coordinator[" + SHADOW_PROCESSOR + "]"));
            workers = Executors.newScheduledThreadPool(settings.threadCount(), runnable -> daemon(runnable,
                    "WorkPackage[" + SHADOW_PROCESSOR + "]-" + threads.incrementAndGet()));
            JdbcSequencedDeadLetterQueue<org.axonframework.eventhandling.EventMessage<?>> deadLetters =
                    JdbcSequencedDeadLetterQueue.builder()
                            .processingGroup(SHADOW_PROCESSOR)
                            .connectionProvider(connectionProvider)
                            .transactionManager(axonTransactions)
                            .schema(deadLetterSchema)
                            .genericSerializer(serializer)
                            .eventSerializer(serializer)
                            .build();
            JourneyProjector projector = JourneyProjector.writingTo(SHADOW_TABLE, namedJdbc, objectMapper);
            // The shadow starts without tokens: the events are folded in bulk first, while this thread waits in its
            // start (ADR 0010), until the rebuild is cancelled at the latest.
            catchUp = settings.catchUp() ? new ProjectionCatchUp(SHADOW_PROCESSOR, projector, jdbc,
                    transactionManager, settings.catchUpChunkSize(), MAX_CATCH_UP, () -> cancelled.getCount() == 0,
                    false) : null;
            DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                    .eventHandlers(new AnnotationEventHandlerAdapter(projector))
                    .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                    .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                    .queue(deadLetters)
                    .transactionManager(axonTransactions)
                    .enableSequenceIdentifierCache()
                    .build();
            shadow = PooledStreamingEventProcessor.builder()
                    .name(SHADOW_PROCESSOR)
                    .eventHandlerInvoker(invoker)
                    .errorHandler(PropagatingErrorHandler.instance())
                    .messageSource(liveSource())
                    .tokenStore(tokenStore)
                    .transactionManager(axonTransactions)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(segments)
                    .initialToken(catchUp == null ? StreamableMessageSource::createTailToken : catchUp::initialToken)
                    .batchSize(settings.batchSize())
                    // Claims its segments at once instead of on Axon's 5 s claim tick (it is the only claimant).
                    .tokenClaimInterval(200)
                    // A segment stores a token that advanced past events of other segments only when it extends
                    // its claim (5 s by default); the catch-up check reads the stored tokens.
                    .claimExtensionThreshold(250)
                    .build();
            shadow.start();
            nextLog = Instant.now().plus(settings.progressLogInterval());
        }

        @SuppressWarnings("unchecked")
        private StreamableMessageSource<TrackedEventMessage<?>> liveSource() {
            if (liveSourceName != null && !liveSourceName.isBlank()) {
                return context.getBean(liveSourceName, StreamableMessageSource.class);
            }
            return context.getBean(EventStore.class);
        }

        /** Until the shadow has seen everything the live processor has (without freezing it). */
        private void awaitCatchUp() throws InterruptedException {
            while (!ProcessorTokens.covers(tokens.of(SHADOW_PROCESSOR), tokens.of(PROJECTION))) {
                pause(Duration.ofMillis(200));
                logProgressIfDue();
            }
            logProgressIfDue();
        }

        private void logProgressIfDue() {
            Instant now = Instant.now();
            if (!now.isBefore(nextLog)) {
                Progress progress = progress(startedAt, now);
                jdbc.update("UPDATE projection_rebuild SET events_done = ?, events_total = ? WHERE projection = ?",
                        progress.done(), progress.total(), PROJECTION);
                log.info("Rebuild of the {} projection: {}", PROJECTION, progress);
                nextLog = now.plus(settings.progressLogInterval());
            }
        }

        private void pause(Duration duration) throws InterruptedException {
            if (cancelled.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("The application is shutting down");
            }
        }

        /**
         * The switch (see the class comment). Returns false when the transaction was rolled back (a lock timeout,
         * or the shadow did not reach the frozen live position in time); nothing has changed then.
         */
        private boolean switchOver() {
            Optional<StreamingEventProcessor> live = processing.eventProcessor(PROJECTION,
                    StreamingEventProcessor.class);
            String owner = shadowOwner();
            // Stopped here first: its in-memory tokens would otherwise be accepted under this instance's claim.
            boolean wasRunning = live.map(StreamingEventProcessor::isRunning).orElse(false);
            live.ifPresent(StreamingEventProcessor::shutDown);
            try {
                transactions.executeWithoutResult(status -> swap(owner));
                return true;
            } catch (NotYet | org.springframework.dao.DataAccessException notNow) {
                log.info("The switch of the {} rebuild was rolled back: {}", PROJECTION, notNow.getMessage());
                return false;
            } finally {
                if (wasRunning) {
                    live.get().start();
                }
            }
        }

        /** Which node id this instance's token store claims with: the owner of the running shadow's segments. */
        private String shadowOwner() {
            List<String> owners = jdbc.queryForList("""
                    SELECT DISTINCT owner FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL
                    """, String.class, SHADOW_PROCESSOR);
            return owners.size() == 1 ? owners.get(0) : instance;
        }

        private void swap(String owner) {
            jdbc.execute("SET LOCAL lock_timeout = " + settings.lockTimeout().toMillis());
            // Reads go on; no live processor of any instance can commit a change to the table from here on.
            jdbc.execute("LOCK TABLE " + LIVE_TABLE + " IN EXCLUSIVE MODE");
            Instant deadline = Instant.now().plus(settings.switchTimeout());
            while (!ProcessorTokens.covers(tokens.of(SHADOW_PROCESSOR), tokens.of(PROJECTION))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new NotYet("the shadow did not reach the live position within " + settings.switchTimeout());
                }
                try {
                    pause(Duration.ofMillis(50));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            stopShadow();
            if (!ProcessorTokens.covers(tokens.of(SHADOW_PROCESSOR), tokens.of(PROJECTION))) {
                throw new NotYet("the live position moved past the stopped shadow");
            }
            Map<String, Deque<String>> liveIndexes = indexes(LIVE_TABLE);
            Map<String, Deque<String>> shadowIndexes = indexes(SHADOW_TABLE);
            jdbc.execute("DROP TABLE " + LIVE_TABLE);
            jdbc.execute("ALTER TABLE " + SHADOW_TABLE + " RENAME TO " + LIVE_TABLE);
            shadowIndexes.forEach((definition, names) -> {
                Deque<String> originals = liveIndexes.getOrDefault(definition, new ArrayDeque<>());
                for (String name : names) {
                    String original = originals.poll();
                    if (original != null && !original.equals(name)) {
                        // A constraint's index takes the constraint's name along.
                        jdbc.execute("ALTER INDEX " + name + " RENAME TO " + original);
                    }
                }
            });
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", PROJECTION);
            int moved = jdbc.update("""
                    UPDATE token_entry SET processor_name = ?, owner = ?, timestamp = ? WHERE processor_name = ?
                    """, PROJECTION, owner, DateTimeUtils.formatInstant(Instant.now()), SHADOW_PROCESSOR);
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", PROJECTION);
            int letters = jdbc.update("UPDATE dead_letter_entry SET processing_group = ? WHERE processing_group = ?",
                    PROJECTION, SHADOW_PROCESSOR);
            jdbc.update("UPDATE projection_rebuild SET phase = 'SWITCHED' WHERE projection = ?", PROJECTION);
            log.info("Rebuild of the {} projection: switching to the shadow table ({} segments, {} dead letters)",
                    PROJECTION, moved, letters);
        }

        /** Index names by definition without the name and table, so the shadow's map onto the originals. */
        private Map<String, Deque<String>> indexes(String table) {
            Map<String, Deque<String>> byDefinition = new HashMap<>();
            jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                    + "AND tablename = ? ORDER BY indexname", rows -> {
                String definition = rows.getString(2).replaceFirst("^CREATE (UNIQUE )?INDEX \\S+ ON \\S+", "$1");
                byDefinition.computeIfAbsent(definition, key -> new ArrayDeque<>()).add(rows.getString(1));
            }, table);
            return byDefinition;
        }

        private void stopShadow() {
            PooledStreamingEventProcessor processor = shadow;
            if (processor != null && processor.isRunning()) {
                processor.shutDown();
            }
        }

        private void abandonShadow() {
            stopShadow();
            try {
                transactions.executeWithoutResult(status -> clearShadow());
            } catch (RuntimeException failure) {
                log.warn("Cannot remove the shadow of the failed rebuild; the next rebuild will", failure);
            }
        }

        private long count() {
            Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            return count == null ? 0 : count;
        }

        private void phase(String phase) {
            jdbc.update("UPDATE projection_rebuild SET phase = ? WHERE projection = ?", phase, PROJECTION);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
