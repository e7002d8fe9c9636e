package io.musicaljourney.app.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.musicaljourney.query.live.JourneyStreams;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The projections' event source ({@code axon.eventhandling.processors.<name>.source=wakeableEventSource}) and the
 * live streams ({@link JourneyStreams}), woken after every local commit of events and, through PostgreSQL's
 * {@code LISTEN/NOTIFY}, after every commit of another instance.
 *
 * <p>The {@code NOTIFY} is sent from the event store's subscriber, which Axon calls in the unit of work's
 * prepare-commit phase right after the storage engine appended the events, on the connection of the unit of work's
 * transaction (JdbcTemplate and Axon's connection provider both take the Spring transaction's connection). PostgreSQL
 * queues a notification with its transaction and delivers it only at commit: no notification for events that rolled
 * back, none before the events are readable, and no separate connection or second round trip after the commit.
 */
@Configuration(proxyBeanMethods = false)
public class EventSourceConfiguration {

    /** Tells this instance's own notifications apart from the others'. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    /** Whoever wants to hear of committed events, local or remote. */
    private final List<Consumer<EventNotification>> commitListeners = new CopyOnWriteArrayList<>();

    @Bean(destroyMethod = "close")
    public WakeableEventSource wakeableEventSource(EventStorageEngine storage, EventStore eventStore,
                                                   JdbcTemplate jdbc,
                                                   ObjectProvider<JourneyStreams> streams,
                                                   @Value("${journey.events.safety-poll-interval}")
                                                   Duration safetyTick,
                                                   @Value("${journey.events.notifications.enabled:true}")
                                                   boolean notify) {
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
        eventStore.subscribe(events -> {
            EventNotification committed = new EventNotification(instance, lastSequences(events));
            if (notify) {
                jdbc.query("SELECT pg_notify(?, ?)", row -> null, EventNotification.CHANNEL, committed.toPayload());
            }
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> committedHere(committed));
            } else {
                committedHere(committed);
            }
        });
        return source;
    }

    @Bean(destroyMethod = "close")
    public EventNotificationListener eventNotificationListener(
            DataSource dataSource, WakeableEventSource source,
            @Value("${journey.events.notifications.enabled:true}") boolean enabled,
            @Value("${journey.events.notifications.reconnect-backoff:200ms}") Duration backoff,
            @Value("${journey.events.notifications.max-reconnect-backoff:10s}") Duration maxBackoff) {
        EventNotificationListener listener = new EventNotificationListener(dedicatedConnections(dataSource), instance,
                backoff, maxBackoff);
        listener.subscribe(this::committedHere);
        if (enabled) {
            listener.start();
        }
        return listener;
    }

    /** The listener's state and the open live streams on metrics (Spring Boot binds every MeterBinder). */
    @Bean
    public MeterBinder eventNotificationMeters(EventNotificationListener listener,
                                               ObjectProvider<JourneyStreams> streams) {
        return registry -> {
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

    private static Map<String, Long> lastSequences(List<? extends EventMessage<?>> events) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                last.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber(), Math::max);
            }
        }
        return last;
    }

    /**
     * A physical connection of its own for {@code LISTEN}, with the pool's settings; only a pool of another kind
     * makes it borrow one (and keep it).
     */
    private static EventNotificationListener.ConnectionFactory dedicatedConnections(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            return () -> {
                Properties properties = new Properties();
                properties.putAll(hikari.getDataSourceProperties());
                if (hikari.getUsername() != null) {
                    properties.setProperty("user", hikari.getUsername());
                }
                if (hikari.getPassword() != null) {
                    properties.setProperty("password", hikari.getPassword());
                }
                properties.setProperty("ApplicationName", "musical-journey event listener");
                properties.setProperty("tcpKeepAlive", "true");
                Connection connection = DriverManager.getConnection(hikari.getJdbcUrl(), properties);
                connection.setAutoCommit(true);
                return connection;
            };
        }
        return dataSource::getConnection;
    }
}
