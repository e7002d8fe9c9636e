package io.musicaljourney.app.eventstore;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.musicaljourney.query.live.JourneyStreams;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The projections' event source ({@code axon.eventhandling.processors.<name>.source=wakeableEventSource}) and the
 * live streams ({@link JourneyStreams}), woken after every local commit of events and, through PostgreSQL's
 * {@code LISTEN/NOTIFY}, after every commit of another instance.
 *
 * <p>The {@code NOTIFY} is sent after the commit by {@link CommitNoticeSender}, on a connection of its own, for all
 * commits since its last one: no notification for events that rolled back, none before the events are readable, and
 * the commands' own transactions never take the database-wide lock that a notifying commit holds until it is flushed.
 */
@Configuration(proxyBeanMethods = false)
public class EventSourceConfiguration {

    /** Whoever wants to hear of committed events, local or remote. */
    private final List<Consumer<EventNotification>> commitListeners = new CopyOnWriteArrayList<>();

    @Bean
    public CommitNotices commitNotices(@Value("${journey.events.notifications.enabled:true}") boolean enabled) {
        return new CommitNotices(enabled);
    }

    @Bean
    ListeningPeers listeningPeers() {
        return new ListeningPeers();
    }

    @Bean(destroyMethod = "close")
    CommitNoticeSender commitNoticeSender(DataSource dataSource, CommitNotices notices, ListeningPeers peers,
                                          @Value("${journey.events.notifications.listeners-check-interval:1s}")
                                          Duration listenersCheck,
                                          @Value("${journey.events.notifications.min-gap:5ms}") Duration gap,
                                          @Value("${journey.events.notifications.reconnect-backoff:200ms}")
                                          Duration backoff,
                                          @Value("${journey.events.notifications.max-reconnect-backoff:10s}")
                                          Duration maxBackoff) {
        CommitNoticeSender sender = new CommitNoticeSender(
                dedicatedConnections(dataSource, "musical-journey event notices"), notices.instance(), peers,
                listenersCheck, gap, backoff, maxBackoff);
        if (notices.sent()) {
            sender.start();
        }
        return sender;
    }

    @Bean(destroyMethod = "close")
    public WakeableEventSource wakeableEventSource(EventStorageEngine storage, EventStore eventStore,
                                                   CommitNotices notices, CommitNoticeSender sender,
                                                   ObjectProvider<JourneyStreams> streams,
                                                   @Value("${journey.events.safety-poll-interval}")
                                                   Duration safetyTick) {
        WakeableEventSource source = new WakeableEventSource(storage, safetyTick);
        commitListeners.add(notification -> source.wake());
        streams.ifAvailable(live -> commitListeners.add(notification -> {
            if (notification.everything()) {
                live.changedAll();
            } else {
                notification.aggregates().keySet().forEach(live::changed);
            }
        }));
        // Published events are committed with the unit of work they belong to; wake readers only after that.
        Consumer<EventNotification> committed = notices.sent()
                ? notice -> {
                    committedHere(notice);
                    sender.send(notice);
                }
                : this::committedHere;
        eventStore.subscribe(events -> {
            EventNotification notice = notices.of(events);
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> committed.accept(notice));
            } else {
                committed.accept(notice);
            }
        });
        return source;
    }

    @Bean(destroyMethod = "close")
    public EventNotificationListener eventNotificationListener(
            DataSource dataSource, WakeableEventSource source, CommitNotices notices, ListeningPeers peers,
            @Value("${journey.events.notifications.reconnect-backoff:200ms}") Duration backoff,
            @Value("${journey.events.notifications.max-reconnect-backoff:10s}") Duration maxBackoff) {
        EventNotificationListener listener = new EventNotificationListener(
                dedicatedConnections(dataSource, ListeningPeers.LISTENER_NAME), notices.instance(), peers, backoff,
                maxBackoff);
        listener.subscribe(this::committedHere);
        // Notices that are not sent are not listened for either.
        if (notices.sent()) {
            listener.start();
        }
        return listener;
    }

    /** The listener's state and the open live streams on metrics (Spring Boot binds every MeterBinder). */
    @Bean
    public MeterBinder eventNotificationMeters(EventNotificationListener listener, CommitNoticeSender sender,
                                               ListeningPeers peers, ObjectProvider<JourneyStreams> streams) {
        return registry -> {
            Gauge.builder("journey.events.notifications.peers", peers, p -> p.present() ? 1 : 0)
                    .description("1 while notices are sent: another instance listens, or that none does is not known")
                    .register(registry);
            FunctionCounter.builder("journey.events.notifications.sent", sender, CommitNoticeSender::sent)
                    .description("Event notifications sent to other instances, each for one or more commits")
                    .register(registry);
            Gauge.builder("journey.events.listener.connected", listener, l -> l.connected() ? 1 : 0)
                    .description("1 while the LISTEN connection for other instances' events is open")
                    .register(registry);
            FunctionCounter.builder("journey.events.notifications.received", listener,
                            EventNotificationListener::received)
                    .description("Event notifications received from other instances")
                    .register(registry);
            FunctionCounter.builder("journey.events.listener.reconnects", listener,
                            EventNotificationListener::reconnects)
                    .register(registry);
            streams.ifAvailable(live -> Gauge.builder("journey.live.streams", live, JourneyStreams::openStreams)
                    .description("Open server-sent event streams of journeys")
                    .register(registry));
        };
    }

    private void committedHere(EventNotification notification) {
        commitListeners.forEach(listener -> listener.accept(notification));
    }

    /**
     * A physical connection of its own (for {@code LISTEN}, or for sending notices); only a pool of another kind makes
     * it borrow one (and keep it).
     */
    private static EventNotificationListener.ConnectionFactory dedicatedConnections(DataSource dataSource,
                                                                                    String applicationName) {
        return DedicatedConnections.of(dataSource, applicationName).orElse(dataSource::getConnection);
    }
}
