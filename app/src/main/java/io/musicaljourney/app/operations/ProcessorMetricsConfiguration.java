package io.musicaljourney.app.operations;

import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer monitors on the event processors only: their latency, capacity, counts and handling time are
 * what no other metric shows. Axon's default puts the same four kinds of monitor on the command bus, the event store
 * and the query bus too, around every message (about 4 % of the service's CPU under VisitNode load, issue 5), where
 * they only repeat {@code http_server_requests_seconds} by route. Taking the place of Axon's auto-configured module
 * keeps its registry, names and tags.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorMetricsConfiguration {

    @Bean
    MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry registry) {
        return new MetricsConfigurerModule(registry) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                        EventProcessor.class.isAssignableFrom(componentType)
                                ? processorMonitor(registry, componentName)
                                : NoOpMessageMonitor.INSTANCE);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> processorMonitor(GlobalMetricRegistry registry, String processor) {
        return (MessageMonitor<Message<?>>) (MessageMonitor<?>) registry.registerEventProcessor(processor);
    }
}
