package io.musicaljourney.command.journey.web;

import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.command.JourneyCommandResult;
import io.musicaljourney.journey.command.StartJourneyCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sends journey commands and returns once their effect is readable. The routes use it instead of the bare gateway
 * so that read-your-writes holds for every command route alike.
 */
@Component
public class JourneyCommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(JourneyCommandDispatcher.class);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    /** Looked up once: resolving it from the bean factory on every request cost about 4 % of the CPU (issue 5). */
    private final SingletonSupplier<ReadModelConsistency> readModel;

    public JourneyCommandDispatcher(CommandGateway commandGateway, EventStore eventStore,
                                    ObjectProvider<ReadModelConsistency> readModel) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.readModel = SingletonSupplier.of(readModel::getIfAvailable);
    }

    public JourneyCommandResult send(Object command) {
        JourneyCommandResult result = commandGateway.sendAndWait(command);
        awaitReadModel(result.journeyId(), result.version());
        return result;
    }

    /**
     * A creating command answers with the new journey's id only (Axon returns the identifier of a new aggregate),
     * and may have applied several events; the store knows the version it reached.
     */
    public JourneyId start(StartJourneyCommand command) {
        commandGateway.sendAndWait(command);
        JourneyId id = command.journeyId();
        try {
            eventStore.lastSequenceNumberFor(id.toString()).ifPresent(version -> awaitReadModel(id, version));
        } catch (RuntimeException storeUnreachable) {
            // The journey is committed; an error answer now would tell the client that a stored journey was not
            // created (and it would create it twice). Answer without waiting for the read model instead.
            log.warn("Cannot read the version of new journey {}; answering without waiting for the read model: {}",
                    id, storeUnreachable.toString());
        }
        return id;
    }

    private void awaitReadModel(JourneyId id, long version) {
        ReadModelConsistency consistency = readModel.get();
        if (consistency != null) {
            consistency.awaitVersion(id, version);
        }
    }
}
