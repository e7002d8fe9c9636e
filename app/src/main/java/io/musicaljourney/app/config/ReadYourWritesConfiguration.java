package io.musicaljourney.app.config;

import io.musicaljourney.journey.projection.JourneyProjectionTracker;
import io.musicaljourney.journey.web.ReadModelConsistency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Read-your-writes where both roles run in one process: a command answers once the projection shows it. The
 * projector signals the tracker after each commit, so the wait is as long as the projection takes, not a polling
 * interval; it is bounded so that a stalled projection delays answers but never blocks them.
 */
@Configuration(proxyBeanMethods = false)
public class ReadYourWritesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWritesConfiguration.class);

    @Bean
    @ConditionalOnBean(JourneyProjectionTracker.class)
    ReadModelConsistency projectionConsistency(JourneyProjectionTracker tracker,
                                               @Value("${journey.read-your-writes.timeout}") Duration timeout) {
        return (journeyId, version) -> {
            if (!tracker.awaitVersion(journeyId, version, timeout)) {
                log.warn("The journeys projection did not reach version {} of journey {} within {}",
                        version, journeyId, timeout);
            }
        };
    }
}
