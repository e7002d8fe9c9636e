package io.musicaljourney.app.config;

import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's local query bus as its auto-configuration builds it, without a transaction around each query.
 *
 * <p>Every query handler here reads, with single statements under PostgreSQL's READ COMMITTED, where a statement
 * sees the same snapshot in or out of a transaction; the one reader that needs a snapshot across statements (the
 * audit's chain verification) opens its own read-only transaction. The bus's transaction cost each query a
 * {@code COMMIT} round trip and Spring's transaction bookkeeping: about 5 % of the request threads' samples on
 * {@code GET /api/journeys} (issue 5, P6). Writes keep their transactions: commands through the command bus, the
 * projector through its processor, the audit's counters through their own statements.
 *
 * <p>Qualified {@code localSegment} as Axon's bean is, so that with Axon Server enabled its query bus still answers
 * local queries through this one.
 */
@Configuration(proxyBeanMethods = false)
public class QueryBusConfiguration {

    @Bean
    @Qualifier("localSegment")
    public SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }
}
