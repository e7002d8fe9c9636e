package io.musicaljourney.app.aggregate;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;

import java.util.Objects;

/**
 * An event-sourcing repository that keeps aggregates in a cache between commands and, before using a cached one,
 * reads the events appended after it, so that it is never stale.
 *
 * <p>Without a cache every command reads and replays its aggregate's whole stream, which grows with every visit.
 * Axon's own {@code CachingEventSourcingRepository} trusts a cached aggregate blindly: several instances on one
 * database (and several application contexts in one test JVM) append to the same streams, so an aggregate cached by
 * one of them misses what the others appended. It would then decide on stale state: answer an old version, refuse
 * an {@code If-Match} that is in fact current, or accept a visit the other instance already recorded, only to fail on
 * the duplicate sequence number. Here a cache hit costs one indexed read of the events after the cached version
 * (usually none), and the aggregate decides on the same state as after a full load. A concurrent append that slips
 * in after that read still fails on the unique sequence number as before, and any rollback evicts the entry.
 *
 * <p>Within a {@link CachedDecisions} attempt the read is left out: the command decides on the cached journey, and
 * when its outcome does not prove that journey current (it appended and committed), it is decided again with the
 * read.
 */
public class CatchingUpCachingRepository<T> extends EventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    public CatchingUpCachingRepository(Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder.eventStore(eventStore));
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        AggregateCacheEntry<T> entry = cache.get(aggregateIdentifier);
        if (entry == null) {
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.onRollback(rolledBack -> cache.remove(aggregateIdentifier));
        EventSourcedAggregate<T> aggregate = entry.recreateAggregate(aggregateModel(), eventStore, null,
                NoSnapshotTriggerDefinition.INSTANCE);
        Long version = aggregate.version();
        CachedDecisions.Attempt attempt = CachedDecisions.current();
        if (attempt != null && attempt.trustsCache()) {
            attempt.decidedOnCache();
            unitOfWork.afterCommit(committed -> {
                if (!Objects.equals(aggregate.version(), version)) {
                    attempt.confirmed();
                }
            });
        } else {
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, version == null ? 0 : version + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        if (aggregate.isDeleted()) {
            throw new AggregateDeletedException(aggregateIdentifier);
        }
        return aggregate;
    }

    @Override
    protected void validateOnLoad(Aggregate<T> aggregate, Long expectedVersion) {
        CurrentUnitOfWork.get().onRollback(unitOfWork -> cache.remove(aggregate.identifierAsString()));
        super.validateOnLoad(aggregate, expectedVersion);
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        remember(aggregate);
    }

    @Override
    protected void doDeleteWithLock(EventSourcedAggregate<T> aggregate) {
        super.doDeleteWithLock(aggregate);
        remember(aggregate);
    }

    /** Cached in the commit phase; a rollback after that (the transaction failing at commit) forgets it again. */
    private void remember(EventSourcedAggregate<T> aggregate) {
        String key = aggregate.identifierAsString();
        CurrentUnitOfWork.get().onRollback(unitOfWork -> cache.remove(key));
        cache.put(key, new AggregateCacheEntry<>(aggregate));
    }
}
