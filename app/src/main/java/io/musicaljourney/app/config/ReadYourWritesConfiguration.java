package io.musicaljourney.app.config;

import io.musicaljourney.command.journey.web.ReadModelConsistency;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.query.journey.projection.JourneyProjectionTracker;
import io.musicaljourney.query.journey.projection.JourneyProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;

import java.time.Duration;

/**
 * Read-your-writes: a command answers once the {@code journeys} projection shows it. With both roles in one process
 * the projector signals the tracker after each commit, so the wait lasts as long as the projection takes, not a
 * polling interval. A command-only instance has no projector of its own: its tracker watches the table that the
 * query instances write. The wait is bounded so that a stalled projection delays answers but never blocks them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
public class ReadYourWritesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWritesConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "journey.roles.query", havingValue = "false")
    JourneyProjectionTracker remoteProjectionTracker(JdbcTemplate jdbc) {
        return new JourneyProjectionTracker(jdbc);
    }

    @Bean
    ReadModelConsistency projectionConsistency(JourneyProjectionTracker tracker,
                                               ObjectProvider<EventProcessingConfiguration> processing,
                                               @Value("${journey.read-your-writes.timeout}") Duration timeout) {
        SingletonSupplier<EventProcessingConfiguration> processors = SingletonSupplier.of(processing::getIfAvailable);
        tracker.projectsHere(journey -> projectedHere(processors.get(), journey));
        return (journeyId, version) -> {
            try {
                if (!tracker.awaitVersion(journeyId, version, timeout)) {
                    log.warn("The journeys projection did not reach version {} of journey {} within {}",
                            version, journeyId, timeout);
                }
            } catch (DataAccessException lookFailed) {
                // The events are committed: failing the request now would tell the client that a stored command
                // was refused (seen in DependencyFailureIT with PostgreSQL cut right after a commit).
                log.warn("Cannot look at the journeys projection for version {} of journey {}; answering anyway: {}",
                        version, journeyId, lookFailed.getMessage());
            }
        };
    }

    /**
     * Whether this instance's {@code journeys} processor holds the journey's segment: the one its events fall in
     * under the processor's sequencing policy (per aggregate, by the hash of the aggregate identifier).
     */
    static boolean projectedHere(EventProcessingConfiguration processing, JourneyId journey) {
        if (processing == null) {
            return false;
        }
        Object sequenceIdentifier = journey.toString();
        return processing.eventProcessor(JourneyProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .anyMatch(status -> status.getSegment().matches(sequenceIdentifier)))
                .orElse(false);
    }
}
