package io.musicaljourney.app.eventstore;

import io.musicaljourney.app.config.AxonConfiguration;
import io.musicaljourney.support.TestDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage engine's transactions as the application wires them ({@link EventStorageConfiguration}): reads join a
 * transaction where one is active and start none otherwise; appends always commit in one.
 */
class EventStorageTransactionsTest {

    private final AtomicInteger commits = new AtomicInteger();
    private SingleBatchJdbcEventStorageEngine storage;
    private TransactionTemplate inTransaction;

    @BeforeEach
    void engineAsTheApplicationBuildsIt() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(TestDatabase.create("mj_storage_tx"));
        postgres.setUser(TestDatabase.USER);
        Flyway.configure().dataSource(postgres).load().migrate();
        CountingCommits dataSource = new CountingCommits(postgres, commits);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        inTransaction = new TransactionTemplate(transactions);
        SpringTransactionManager required = new SpringTransactionManager(transactions);
        storage = new SingleBatchJdbcEventStorageEngine(required, JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new JoiningTransactionManager(required))
                .schema(new AxonConfiguration().eventSchema())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer()));
    }

    @Test
    void readsOutsideATransactionStartNoneAndLeaveNothingOnTheThread() {
        storage.appendEvents(event("journey-1", 0));
        commits.set(0);

        for (int look = 0; look < 3; look++) {
            assertThat(storage.readBatch(null).events().toList()).hasSize(1);
            assertThat(storage.readEvents("journey-1").asStream().toList()).hasSize(1);
        }

        assertThat(commits).hasValue(0);
        assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
        assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
    }

    @Test
    void readsInsideATransactionJoinIt() {
        List<?> seen = inTransaction.execute(status -> {
            storage.appendEvents(event("journey-2", 0));
            // Uncommitted: only a read on the transaction's own connection sees it.
            return storage.readEvents("journey-2").asStream().toList();
        });

        assertThat(seen).hasSize(1);
        assertThat(commits).hasValue(1);
    }

    @Test
    void anAppendOutsideATransactionCommitsInOne() {
        storage.appendEvents(event("journey-3", 0), event("journey-3", 1));

        assertThat(commits).hasValue(1);
        assertThat(storage.readEvents("journey-3").asStream().toList()).hasSize(2);
    }

    private static DomainEventMessage<String> event(String journey, long sequence) {
        return new GenericDomainEventMessage<>("Journey", journey, sequence, "event-" + sequence);
    }

    /** Counts the commits of the connections it hands out. */
    private static final class CountingCommits extends DelegatingDataSource {
        private final AtomicInteger commits;

        CountingCommits(PGSimpleDataSource target, AtomicInteger commits) {
            super(target);
            this.commits = commits;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            commits.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException failure) {
                            throw failure.getCause();
                        }
                    });
        }
    }
}
