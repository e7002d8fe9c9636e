package io.musicaljourney.app.eventstore;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.musicaljourney.app.eventstore.SegmentBalancingConfiguration.ProjectorPresence;
import io.musicaljourney.query.journey.projection.JourneyProjector;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code journeys} processor's builder: its share of the segments ({@link SegmentBalancingConfiguration}) and,
 * when it has no tokens yet, a bulk catch-up before it starts ({@link ProjectionCatchUp}). Axon keeps one such
 * customisation per processor name, so both live here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class JourneysProcessorConfiguration {

    private final AtomicBoolean closing = new AtomicBoolean();

    @Bean
    ProjectionCatchUp journeysCatchUp(JourneyProjector projector, JdbcTemplate jdbc,
                                      PlatformTransactionManager transactions,
                                      @Value("${journey.projection.catch-up.chunk-size}") int chunkSize,
                                      @Value("${journey.projection.catch-up.max-duration}") Duration maxDuration) {
        return new ProjectionCatchUp(JourneyProjector.PROCESSING_GROUP, projector, jdbc, transactions, chunkSize,
                maxDuration, closing::get, true);
    }

    /** A catch-up under way ends after its chunk when the application closes, before Axon stops the processor. */
    @Bean
    ApplicationListener<ContextClosedEvent> journeysCatchUpStopper() {
        return event -> closing.set(true);
    }

    @Bean
    ConfigurerModule journeysProcessor(ProjectorPresence presence, ProjectionCatchUp catchUp,
                                       @Value("${journey.projection.catch-up.enabled}") boolean catchUpEnabled) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                JourneyProjector.PROCESSING_GROUP, (configuration, builder) -> {
                    builder.maxSegmentProvider(presence::maxSegments);
                    if (catchUpEnabled) {
                        builder.initialToken(catchUp::initialToken);
                    }
                    return builder;
                });
    }

    @Bean
    MeterBinder journeysCatchUpMeters(ProjectionCatchUp catchUp) {
        return registry -> FunctionCounter.builder("journey.projection.catch-up.events", catchUp,
                        ProjectionCatchUp::eventsFolded)
                .description("Events the journeys projection folded in bulk before its processor started")
                .register(registry);
    }
}
