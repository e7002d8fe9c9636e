package io.musicaljourney.app.eventstore;

import io.musicaljourney.app.privacy.PersonalDataSealer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's JDBC storage engine as its auto-configuration builds it, with three changes: the append encrypts personal
 * data and writes the audit's hash chain ({@link HashChainingAppend}), the projections' stream can read one batch at a
 * time ({@link SingleBatchJdbcEventStorageEngine}), and reads join a transaction only where one is active. The
 * upcaster chain is Axon's, assembled from the {@code EventUpcaster} beans (see {@code upcasting}).
 *
 * <p>Axon runs each of the engine's reads in a transaction of its own when none is active: for the projections'
 * coordinator, a {@code COMMIT} round trip after every look at the table (issue 5). Each read is a single statement
 * over rows that never change once committed, and under READ COMMITTED a transaction around it adds nothing, so the
 * engine's reads join a transaction where one is active (a command's load reads in the command's transaction) and
 * start none otherwise ({@link JoiningTransactionManager}); its appends still require one.
 */
@Configuration(proxyBeanMethods = false)
public class EventStorageConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 PlatformTransactionManager transactions,
                                                 EventSchema eventSchema,
                                                 PersonalDataSealer sealer) {
        SpringTransactionManager required = new SpringTransactionManager(transactions);
        JdbcEventStorageEngine.Builder engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(new JoiningTransactionManager(required))
                .schema(eventSchema)
                .appendEvents(new HashChainingAppend(sealer));
        return new SingleBatchJdbcEventStorageEngine(required, engine);
    }
}
