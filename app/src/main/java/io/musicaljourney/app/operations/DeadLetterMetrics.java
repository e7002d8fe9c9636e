package io.musicaljourney.app.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The size of each processing group's dead-letter queue as a gauge, {@code journey.projection.dead.letters}
 * (Prometheus: {@code journey_projection_dead_letters{processing_group="journeys"}}), and the number of parked
 * sequences (journeys), {@code journey.projection.dead.letter.sequences}. Counted in the database on each scrape,
 * so every instance reports the deployment's queue. Registered once the processors exist.
 */
@Component
public class DeadLetterMetrics {

    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;

    public DeadLetterMetrics(EventProcessingConfiguration processing, MeterRegistry registry) {
        this.processing = processing;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        processing.eventProcessors().keySet().forEach(group -> processing.deadLetterQueue(group).ifPresent(queue -> {
            Gauge.builder("journey.projection.dead.letters", queue, q -> q.size())
                    .description("Events parked in the dead-letter queue of a processing group")
                    .tag("processing_group", group)
                    .register(registry);
            Gauge.builder("journey.projection.dead.letter.sequences", queue, q -> q.amountOfSequences())
                    .description("Sequences (journeys) with parked events in a processing group")
                    .tag("processing_group", group)
                    .register(registry);
        }));
    }
}
