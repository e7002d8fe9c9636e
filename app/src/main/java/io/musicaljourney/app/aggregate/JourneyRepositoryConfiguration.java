package io.musicaljourney.app.aggregate;

import io.musicaljourney.command.journey.aggregate.Journey;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Journey aggregate's repository. Axon's Spring support uses a bean named {@code journeyRepository} for the
 * {@code @Aggregate Journey} when one exists, so the aggregate itself stays free of storage choices.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
public class JourneyRepositoryConfiguration {

    @Bean
    public Repository<Journey> journeyRepository(EventStore eventStore, ParameterResolverFactory parameterResolvers,
                                                 HandlerDefinition handlerDefinition,
                                                 @Value("${journey.aggregate-cache.max-entries:5000}") long maxEntries) {
        EventSourcingRepository.Builder<Journey> builder = EventSourcingRepository.builder(Journey.class)
                .parameterResolverFactory(parameterResolvers)
                .handlerDefinition(handlerDefinition);
        return new CatchingUpCachingRepository<>(builder, eventStore, new BoundedCache(maxEntries));
    }
}
