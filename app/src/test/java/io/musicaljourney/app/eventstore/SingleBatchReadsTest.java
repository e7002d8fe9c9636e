package io.musicaljourney.app.eventstore;

import io.musicaljourney.app.config.AxonConfiguration;
import io.musicaljourney.support.TestDatabase;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections' stream on the real JDBC engine and PostgreSQL: once it has read everything, a look reads one
 * query's worth of events instead of Axon's stream, which queried on until a query found nothing.
 */
class SingleBatchReadsTest {

    private static final int BATCH_SIZE = 5;

    private JdbcTemplate jdbc;
    private CountingEngine storage;
    private WakeableEventSource source;
    private BlockingStream<TrackedEventMessage<?>> stream;
    private int appended;

    @BeforeEach
    void openStreamThatHasReadEverything() throws InterruptedException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestDatabase.create("mj_single_batch"));
        dataSource.setUser(TestDatabase.USER);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        storage = new CountingEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new AxonConfiguration().eventSchema())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .batchSize(BATCH_SIZE));
        // The safety tick never comes during a test: only the test's wake-ups make the stream look again.
        source = new WakeableEventSource(storage, Duration.ofHours(1));
        append(1);
        stream = source.openStream(null);
        assertThat(readAll()).containsExactly("event-0");
        assertThat(stream.peek()).isEmpty();
        storage.queries.set(0);
    }

    @AfterEach
    void close() {
        stream.close();
        source.close();
    }

    @Test
    void aLookThatFindsNewEventsQueriesOnce() throws InterruptedException {
        append(3);
        source.wake();

        assertThat(readAll()).containsExactly("event-1", "event-2", "event-3");
        assertThat(stream.peek()).isEmpty();
        assertThat(storage.queries.get()).isEqualTo(1);
    }

    @Test
    void aFullBatchIsFollowedByTheNextWithoutAWakeUp() throws InterruptedException {
        append(2 * BATCH_SIZE + 2);
        source.wake();

        assertThat(readAll()).hasSize(2 * BATCH_SIZE + 2).endsWith("event-12");
        assertThat(storage.queries.get()).isEqualTo(3);
    }

    @Test
    void aBatchLeftShortByAPositionThatNeverCommittedIsFollowedWhenItReachedTheTopOfItsRange()
            throws InterruptedException {
        append(2);
        skipPositions(1);
        append(BATCH_SIZE - 1);
        source.wake();

        assertThat(readAll()).hasSize(BATCH_SIZE + 1).endsWith("event-6");
        assertThat(storage.queries.get()).isEqualTo(2);
    }

    @Test
    void eventsAbovePositionsThatNeverCommittedAreReadOnTheNextWakeUp() throws InterruptedException {
        append(1);
        skipPositions(BATCH_SIZE + 3);
        append(1);
        source.wake();

        // The first query's range held only the first event; the second sits above positions nobody committed. Each
        // commit wakes the stream once it is visible, so the next wake-up (any commit, or the safety tick) reads it.
        assertThat(readAll()).containsExactly("event-1");
        source.wake();
        assertThat(readAll()).containsExactly("event-2");
    }

    @Test
    void aStreamOpenedOnABacklogReadsItToTheEndWithoutWakeUps() throws InterruptedException {
        append(3);
        skipPositions(BATCH_SIZE + 1);
        append(BATCH_SIZE);

        try (BlockingStream<TrackedEventMessage<?>> backlog = source.openStream(null)) {
            List<Object> read = new ArrayList<>();
            while (backlog.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                read.add(backlog.nextAvailable().getPayload());
            }
            assertThat(read).hasSize(BATCH_SIZE + 4).startsWith("event-0").endsWith("event-8");
        }
    }

    private List<Object> readAll() throws InterruptedException {
        List<Object> read = new ArrayList<>();
        while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            read.add(stream.nextAvailable().getPayload());
        }
        return read;
    }

    private void append(int events) {
        for (int i = 0; i < events; i++) {
            storage.appendEvents(new GenericDomainEventMessage<>("Journey", "journey-" + appended, 0,
                    "event-" + appended));
            appended++;
        }
    }

    /** Positions taken by transactions that rolled back: the sequence moves on, no row is written. */
    private void skipPositions(int positions) {
        jdbc.queryForList("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index')) "
                + "FROM generate_series(1, ?)", Long.class, positions);
    }

    /** The engine of the application, counting the queries of the tracked stream. */
    private static final class CountingEngine extends SingleBatchJdbcEventStorageEngine {
        final AtomicInteger queries = new AtomicInteger();

        CountingEngine(JdbcEventStorageEngine.Builder builder) {
            super(NoTransactionManager.INSTANCE, builder);
        }

        @Override
        protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
            queries.incrementAndGet();
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
    }
}
