package io.musicaljourney.app.aggregate;

import io.musicaljourney.app.privacy.UserDataHolder;
import io.musicaljourney.command.journey.aggregate.Journey;
import io.musicaljourney.common.UserId;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Collection;

/**
 * The Journey aggregate's repository. Axon's Spring support uses a bean named {@code journeyRepository} for the
 * {@code @Aggregate Journey} when one exists, so the aggregate itself stays free of storage choices.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
public class JourneyRepositoryConfiguration {

    /** The cached journeys, which hold their owners' personal data in the clear. */
    public static final class JourneyCache implements UserDataHolder {

        private final BoundedCache cache;

        JourneyCache(long maxEntries) {
            this.cache = new BoundedCache(maxEntries);
        }

        /** An erased user's journeys leave memory with their key, not whenever the cache gets round to it. */
        @Override
        public void forget(UserId user, Collection<String> journeyIds) {
            journeyIds.forEach(cache::remove);
        }
    }

    @Bean
    public JourneyCache journeyCache(@Value("${journey.aggregate-cache.max-entries:2000}") long maxEntries) {
        return new JourneyCache(maxEntries);
    }

    @Bean
    public Repository<Journey> journeyRepository(EventStore eventStore, ParameterResolverFactory parameterResolvers,
                                                 HandlerDefinition handlerDefinition, JourneyCache journeyCache) {
        EventSourcingRepository.Builder<Journey> builder = EventSourcingRepository.builder(Journey.class)
                .parameterResolverFactory(parameterResolvers)
                .handlerDefinition(handlerDefinition);
        return new CatchingUpCachingRepository<>(builder, eventStore, journeyCache.cache);
    }

    /**
     * Replaces Axon's default gateway (the same gateway, its blocking sends wrapped): commands decide on a cached
     * journey without reading the store first ({@link CachedDecisions}). Off: every cache hit reads the events
     * appended after the cached journey before deciding.
     */
    @Bean
    @ConditionalOnProperty(name = "journey.aggregate-cache.decide-before-reading", havingValue = "true",
            matchIfMissing = true)
    public CommandGateway commandGateway(CommandBus commandBus) {
        return new CachedDecisionsCommandGateway(DefaultCommandGateway.builder().commandBus(commandBus).build());
    }
}
