package io.musicaljourney.app.eventstore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the other instances of this instance's commits, after them, from a thread and a connection of its own: the
 * notices of all commits since the last {@code NOTIFY} go out together, as one notification.
 *
 * <p>A transaction that sends {@code NOTIFY} takes, as it commits, a lock that PostgreSQL holds for the whole
 * database until that commit is flushed (so that notifications are queued in commit order): every command that sent
 * its own notice waited for the commits of all the others in turn, flushes included, instead of sharing them
 * (issue 5). Here only this thread's transactions take that lock; they commit without waiting for their flush
 * ({@code synchronous_commit = off}), since a notification is a hint. Lost notices (a failure, this instance dying
 * after a commit) cost the other instances at most their safety poll, as before; a notice is sent only once its
 * events are committed, as before.
 *
 * <p>While no other instance listens ({@link ListeningPeers}, looked at every {@code lookEvery} on this thread's
 * connection) notices are not even queued: a lone instance's own listener would only drop them. While others do, a
 * notice goes out at least {@code gap} after the one before, with every commit since: under load that is one
 * notification, one notifying transaction and one wake-up of each listener per gap instead of per commit or two.
 */
final class CommitNoticeSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommitNoticeSender.class);
    /** Notices waiting while PostgreSQL is out of reach; beyond this they are folded into "everything changed". */
    private static final int MAX_PENDING = 10_000;

    private final EventNotificationListener.ConnectionFactory connections;
    private final String instance;
    private final ListeningPeers peers;
    private final long lookEveryNanos;
    private final long gapNanos;
    private final Backoff backoff;
    private final BlockingQueue<EventNotification> pending = new LinkedBlockingQueue<>(MAX_PENDING);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;
    private long nextLook = System.nanoTime();
    private long notBefore = System.nanoTime();

    CommitNoticeSender(EventNotificationListener.ConnectionFactory connections, String instance, ListeningPeers peers,
                       Duration lookEvery, Duration gap, Duration initialBackoff, Duration maxBackoff) {
        this.connections = connections;
        this.instance = instance;
        this.peers = peers;
        this.lookEveryNanos = lookEvery.toNanos();
        this.gapNanos = gap.toNanos();
        this.backoff = new Backoff(initialBackoff, maxBackoff);
        this.thread = new Thread(this::run, "event-notice-sender");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The notice of a commit that has happened. */
    void send(EventNotification committed) {
        if (!peers.present()) {
            return;
        }
        if (!pending.offer(committed)) {
            overflowed.set(true);
        }
    }

    /** Notifications sent (each carrying the notices of one or more commits). */
    long sent() {
        return sent.get();
    }

    private void run() {
        while (running) {
            List<EventNotification> notices = new ArrayList<>();
            try {
                lookAtPeersWhenDue();
                EventNotification first = pending.poll(Math.max(1, nextLook - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                notices.add(first);
                long gapLeft = notBefore - System.nanoTime();
                if (gapLeft > 0) {
                    TimeUnit.NANOSECONDS.sleep(gapLeft);
                }
            } catch (InterruptedException interrupted) {
                // Stopping: close() sends what is still queued, so a notice taken before the gap goes back there.
                notices.forEach(this::send);
                Thread.currentThread().interrupt();
                return;
            }
            pending.drainTo(notices);
            EventNotification notice = merged(notices, overflowed.getAndSet(false));
            try {
                notice.sendOver(connection());
                notBefore = System.nanoTime() + gapNanos;
                sent.incrementAndGet();
                backoff.reset();
            } catch (SQLException failed) {
                log.debug("Cannot send the notice of {} commits; the other instances' safety poll covers them",
                        notices.size(), failed);
                closeConnection();
                if (!backoff.pause()) {
                    return;
                }
            }
        }
    }

    /** One notice of several commits: per aggregate the last sequence number, or "everything" if any says so. */
    EventNotification merged(List<EventNotification> notices, boolean somethingDropped) {
        if (somethingDropped || notices.stream().anyMatch(EventNotification::everything)) {
            return new EventNotification(instance, null);
        }
        if (notices.size() == 1) {
            return notices.get(0);
        }
        Map<String, Long> last = new LinkedHashMap<>();
        notices.forEach(notice -> notice.aggregates().forEach((aggregate, sequence) ->
                last.merge(aggregate, sequence, Math::max)));
        return new EventNotification(instance, last);
    }

    private void lookAtPeersWhenDue() {
        if (System.nanoTime() - nextLook < 0) {
            return;
        }
        nextLook = System.nanoTime() + lookEveryNanos;
        try {
            peers.look(connection());
        } catch (SQLException failed) {
            log.debug("Cannot look for other instances' listeners; notices go on being sent", failed);
            closeConnection();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connections.open();
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET synchronous_commit = off");
            }
        }
        return connection;
    }

    private void closeConnection() {
        DedicatedConnections.closeQuietly(connection);
        connection = null;
    }

    /** Sends what is still waiting, once, so that the last commits before a clean shutdown are told too. */
    @Override
    public void close() {
        running = false;
        backoff.stop();
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        List<EventNotification> notices = new ArrayList<>();
        pending.drainTo(notices);
        if (!thread.isAlive() && (!notices.isEmpty() || overflowed.get())) {
            try {
                merged(notices, overflowed.getAndSet(false)).sendOver(connection());
            } catch (SQLException failed) {
                log.debug("Cannot send the notice of the last {} commits", notices.size(), failed);
            }
        }
        closeConnection();
    }
}
