package io.musicaljourney.app.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of the projections: each event processor must be running, and no segment may be stuck on an error (a
 * failing event is parked in the group's dead-letter queue or retried, never skipped, so an error here means a
 * read model has stopped moving). The size of each group's dead-letter queue is reported as well; parked events
 * do not make the service unhealthy (the rest of the read model moves on, and restarting would not help them),
 * they wait for an operator (/admin/dead-letters).
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        super("Event processor health check failed");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("running", processor.isRunning());
            state.put("error", processor.isError());
            healthy &= processor.isRunning() && !processor.isError();
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
                long failing = segments.values().stream().filter(EventTrackerStatus::isErrorState).count();
                state.put("claimedSegments", segments.size());
                state.put("segmentsInError", failing);
                state.put("replaying", segments.values().stream().anyMatch(EventTrackerStatus::isReplaying));
                healthy &= failing == 0;
            }
            processing.deadLetterQueue(processor.getName()).ifPresent(queue -> {
                state.put("deadLetters", queue.size());
                state.put("deadLetterSequences", queue.amountOfSequences());
            });
            details.put(processor.getName(), state);
        }
        builder.status(healthy ? "UP" : "DOWN").withDetails(details);
    }
}
