package io.musicaljourney.app.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The projections' event source ({@code axon.eventhandling.processors.<name>.source=wakeableEventSource}), woken
 * after every local commit of events.
 */
@Configuration(proxyBeanMethods = false)
public class EventSourceConfiguration {

    @Bean(destroyMethod = "close")
    public WakeableEventSource wakeableEventSource(EventStorageEngine storage, EventStore eventStore,
                                                   @Value("${journey.events.safety-poll-interval}")
                                                   Duration safetyTick) {
        WakeableEventSource source = new WakeableEventSource(storage, safetyTick);
        // Published events are committed with the unit of work they belong to; wake readers only after that.
        eventStore.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> source.wake());
            } else {
                source.wake();
            }
        });
        return source;
    }
}
