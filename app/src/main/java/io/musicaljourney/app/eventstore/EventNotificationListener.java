package io.musicaljourney.app.eventstore;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Listens on {@value EventNotification#CHANNEL} over one dedicated connection (not from the pool, which must not
 * lend a connection out for ever, nor keep a {@code LISTEN} on one it hands to others) in a daemon thread, and
 * passes each notification written by another instance to its subscribers. Notifications of this instance are
 * skipped: its own commits already woke everything in process.
 *
 * <p>A lost connection is opened again with doubling back-off; since notifications sent meanwhile are gone, every
 * subscriber is then told that anything may have changed. A connection that stays silent is probed now and then,
 * so a dead peer is noticed even without traffic.
 *
 * <p>Once its {@code LISTEN} holds, it says so to the other instances ({@link ListeningPeers#hello}), whose senders
 * withhold their notices while nobody else listens.
 */
public class EventNotificationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventNotificationListener.class);
    private static final int POLL_MILLIS = 250;
    private static final long PROBE_AFTER_NANOS = Duration.ofSeconds(30).toNanos();

    /** Opens a new physical connection each time. */
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final ConnectionFactory connections;
    private final String instance;
    private final ListeningPeers peers;
    private final Backoff backoff;
    private final List<Consumer<EventNotification>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;

    EventNotificationListener(ConnectionFactory connections, String instance, ListeningPeers peers,
                              Duration initialBackoff, Duration maxBackoff) {
        this.connections = connections;
        this.instance = instance;
        this.peers = peers;
        this.backoff = new Backoff(initialBackoff, maxBackoff);
        this.thread = new Thread(this::run, "event-notification-listener");
        this.thread.setDaemon(true);
    }

    public void subscribe(Consumer<EventNotification> subscriber) {
        subscribers.add(subscriber);
    }

    public void start() {
        thread.start();
    }

    public boolean connected() {
        return connected;
    }

    /** Notifications from other instances handed on so far. */
    public long received() {
        return received.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    private void run() {
        boolean first = true;
        while (running) {
            try (Connection connection = connections.open()) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EventNotification.CHANNEL);
                }
                peers.listening(postgres.getBackendPID());
                ListeningPeers.hello(instance).sendOver(connection);
                connected = true;
                backoff.reset();
                if (!first) {
                    reconnects.incrementAndGet();
                    log.info("Listening for event notifications again; everything looks again for missed events");
                    publish(new EventNotification(null, null));
                }
                first = false;
                listen(connection, postgres);
            } catch (SQLException | RuntimeException failure) {
                if (!running) {
                    break;
                }
                log.warn("Listening for event notifications failed ({}); retrying in {}", failure.toString(),
                        backoff.current());
            } finally {
                connected = false;
                peers.notListening();
            }
            if (running && !backoff.pause()) {
                running = false;
            }
        }
    }

    private void listen(Connection connection, PGConnection postgres) throws SQLException {
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notification : notifications) {
                    EventNotification parsed = EventNotification.parse(notification.getParameter());
                    if (!instance.equals(parsed.instance())) {
                        peers.heardAnother();
                        received.incrementAndGet();
                        publish(parsed);
                    }
                }
            } else if (System.nanoTime() - lastHeard > PROBE_AFTER_NANOS) {
                try (Statement probe = connection.createStatement()) {
                    probe.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void publish(EventNotification notification) {
        for (Consumer<EventNotification> subscriber : subscribers) {
            try {
                subscriber.accept(notification);
            } catch (RuntimeException failure) {
                log.warn("An event notification subscriber failed", failure);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        backoff.stop();
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
