package io.musicaljourney.app.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JDBC dead-letter queues of the processing groups with {@code axon.eventhandling.processors.<group>.dlq.enabled},
 * built as Axon's JDBC auto-configuration builds them (it steps back for this bean), each behind a
 * {@link BatchScopedDeadLetterQueue}.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterQueueConfiguration {

    @Bean
    public DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processorProperties, ConnectionProvider connectionProvider,
            TransactionManager transactionManager, DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer genericSerializer) {
        return new DeadLetterQueueProviderConfigurerModule(processorProperties,
                processingGroup -> configuration -> new BatchScopedDeadLetterQueue<>(
                        JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(processingGroup)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(schema)
                                .genericSerializer(genericSerializer)
                                .eventSerializer(eventSerializer)
                                .build()));
    }
}
