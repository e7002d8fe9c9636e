package io.musicaljourney.app.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Whether any other instance listens for this instance's commit notices, so that a lone instance sends none: its own
 * listener skips its own notices, and each {@code NOTIFY} is a transaction that takes PostgreSQL's database-wide
 * notification lock, wakes every listening session and is read back by ours only to be dropped. On this machine
 * that cost a lone instance about a fifth of its VisitNode throughput (issue 5, docs/benchmarks.md).
 *
 * <p>Listeners are told apart in {@code pg_stat_activity} by the application name of their dedicated connections.
 * Not knowing means "yes": before this instance's own listener is connected and seen there (a pool of another kind
 * gives it no name), and again after each of its reconnects, until a look at the sessions says otherwise.
 * A joining instance announces itself with a notification as soon as it listens ({@link #HELLO}), and any
 * notification from another instance means "yes" at once, so notices resume within the round trip of that
 * announcement instead of the next look; a look that began before such a notification does not overrule it.
 * What a joining instance could still miss in between is what a lost notice costs: its safety poll.
 */
final class ListeningPeers {

    /** The application name of every instance's {@code LISTEN} connection. */
    static final String LISTENER_NAME = "musical-journey event listener";

    /**
     * What a listener says once its {@code LISTEN} holds: a notice of no aggregates, read by the others as "someone
     * listens" and, by instances that predate this class, as a wake-up that finds nothing new.
     */
    static EventNotification hello(String instance) {
        return new EventNotification(instance, Map.of());
    }

    private static final String OTHERS_AND_MINE = """
            SELECT count(*) FILTER (WHERE pid <> ?), count(*) FILTER (WHERE pid = ?)
            FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?""";

    private volatile boolean present = true;
    /** The backend pid of this instance's listener session while it is connected, else 0. */
    private volatile int ownListener;
    /** Counts the signs of another listener, so that a look begun before one cannot overrule it. */
    private long signs;

    /** Whether to send notices: another instance listens, or it is not known that none does. */
    boolean present() {
        return present;
    }

    /** This instance's listener now listens from this backend; until a look says otherwise, others may too. */
    void listening(int backendPid) {
        ownListener = backendPid;
        heardAnother();
    }

    /** This instance's listener lost its connection; its sessions' view of the others is gone with it. */
    void notListening() {
        ownListener = 0;
        heardAnother();
    }

    /** A notification from another instance: it sends, so it listens. */
    synchronized void heardAnother() {
        signs++;
        present = true;
    }

    /** Looks at the database's sessions over {@code connection}: are there listeners besides this instance's? */
    void look(Connection connection) throws SQLException {
        long signsBefore;
        synchronized (this) {
            signsBefore = signs;
        }
        int own = ownListener;
        if (own == 0) {
            return;
        }
        boolean others;
        try (PreparedStatement sessions = connection.prepareStatement(OTHERS_AND_MINE)) {
            sessions.setInt(1, own);
            sessions.setInt(2, own);
            sessions.setString(3, LISTENER_NAME);
            try (ResultSet counts = sessions.executeQuery()) {
                counts.next();
                boolean mineSeen = counts.getLong(2) > 0;
                others = !mineSeen || counts.getLong(1) > 0;
            }
        }
        synchronized (this) {
            if (others || (signs == signsBefore && ownListener == own)) {
                present = others;
            }
        }
    }
}
