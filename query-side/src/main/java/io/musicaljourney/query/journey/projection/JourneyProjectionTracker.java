package io.musicaljourney.query.journey.projection;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.musicaljourney.journey.JourneyId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Read-your-writes for the {@code journeys} projection: lets a caller that has just appended events wait until the
 * projected row has caught up with them, so that its next read sees its own change.
 *
 * <p>A waiter first registers itself, then looks at the database: the event may already be projected, by this
 * instance or by another one. Otherwise it sleeps until the local projector reports the version after its
 * transaction committed. Because another instance's projector never reports here, the waiter also looks at the
 * database again every {@link #RECHECK_INTERVAL}; that bounds the extra delay in a multi-instance deployment
 * without spinning in the common, single-instance case, where the report wakes it at once.
 *
 * <p>A deleted journey has no row to look at, so deletions reported by the local projector are remembered for
 * {@link #DELETION_MEMORY}, much longer than any caller waits.
 *
 * <p>When this instance's projector holds the journey's segment ({@link #projectsHere}), nobody else can move its
 * row, so the first look is at the versions the local projector reported lately instead of the table: one query
 * less per command in the usual single-instance case (issue 5). The periodic look at the table stays, for a
 * segment that moves between instances while a caller waits.
 */
@Component
public class JourneyProjectionTracker {

    static final Duration RECHECK_INTERVAL = Duration.ofMillis(200);
    static final Duration DELETION_MEMORY = Duration.ofMinutes(1);
    /** Journeys whose last locally projected version is remembered; far more than are written to at once. */
    static final int REMEMBERED_VERSIONS = 10_000;

    private static final String VERSION_OF_JOURNEY = "SELECT version FROM journeys WHERE id = ?";

    private final ProjectedVersions projectedVersions;
    private final Clock clock;
    private final Duration recheckInterval;
    private final Duration deletionMemory;
    private final ConcurrentMap<JourneyId, List<Waiter>> waiters = new ConcurrentHashMap<>();
    /** Insertion order is expiry order, as every entry lives for the same time (re-deletions are moved last). */
    private final LinkedHashMap<JourneyId, Deletion> deletions = new LinkedHashMap<>();
    /** The newest version the local projector committed, per journey. */
    private final Map<JourneyId, Long> locallyProjected = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_VERSIONS)
            .<JourneyId, Long>build()
            .asMap();
    private volatile Predicate<JourneyId> projectsHere = id -> false;

    @Autowired
    public JourneyProjectionTracker(JdbcTemplate jdbc) {
        this(id -> jdbc.query(VERSION_OF_JOURNEY,
                        rows -> rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty(), id.value()),
                Clock.systemUTC(), RECHECK_INTERVAL, DELETION_MEMORY);
    }

    JourneyProjectionTracker(ProjectedVersions projectedVersions, Clock clock, Duration recheckInterval,
                             Duration deletionMemory) {
        this.projectedVersions = projectedVersions;
        this.clock = clock;
        this.recheckInterval = recheckInterval;
        this.deletionMemory = deletionMemory;
    }

    /**
     * Waits until the projection of the journey includes the event with the given sequence number.
     *
     * @param version the sequence number of the caller's last event (the aggregate version a command returned)
     * @return true once the row's version is at least {@code version}, or the journey was deleted by an event at
     *         least that recent; false when {@code timeout} passed first or the thread was interrupted
     */
    public boolean awaitVersion(JourneyId id, long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Waiter waiter = new Waiter(version);
        // Registered before the first look, so that a report arriving in between is not lost.
        waiters.compute(id, (key, registered) -> {
            List<Waiter> list = registered == null ? new ArrayList<>(1) : registered;
            list.add(waiter);
            return list;
        });
        try {
            boolean reached = projectsHere.test(id) ? reachedHere(id, version) : reached(id, version);
            while (!reached) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                if (waiter.released.await(Math.min(remaining, recheckInterval.toNanos()), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                reached = reached(id, version);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            forget(id, waiter);
        }
    }

    /** The projector committed the journey's row at this version. */
    void projected(JourneyId id, long version) {
        locallyProjected.merge(id, version, Math::max);
        release(id, version);
    }

    /**
     * Tells the tracker which journeys this instance's projector is projecting right now (the segments it holds);
     * without it, every wait starts with a look at the table.
     */
    public void projectsHere(Predicate<JourneyId> journeysOfClaimedSegments) {
        this.projectsHere = journeysOfClaimedSegments;
    }

    /** The projector committed the deletion of the journey's row by the event with this sequence number. */
    void deleted(JourneyId id, long version) {
        Instant now = clock.instant();
        synchronized (deletions) {
            forgetExpiredDeletions(now);
            deletions.remove(id);
            deletions.put(id, new Deletion(version, now.plus(deletionMemory)));
        }
        release(id, version);
    }

    /** How many callers are waiting right now: none may be left behind once their waits are over. */
    int pendingWaits() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    private boolean reached(JourneyId id, long version) {
        return reachedHere(id, version) || projectedVersions.of(id).orElse(Long.MIN_VALUE) >= version;
    }

    /** What the local projector reported: a version at least this recent, or a deletion. */
    private boolean reachedHere(JourneyId id, long version) {
        if (deletedSince(id, version)) {
            return true;
        }
        Long projected = locallyProjected.get(id);
        return projected != null && projected >= version;
    }

    private boolean deletedSince(JourneyId id, long version) {
        Instant now = clock.instant();
        synchronized (deletions) {
            forgetExpiredDeletions(now);
            Deletion deletion = deletions.get(id);
            return deletion != null && deletion.version >= version;
        }
    }

    private void forgetExpiredDeletions(Instant now) {
        Iterator<Deletion> oldestFirst = deletions.values().iterator();
        while (oldestFirst.hasNext() && !oldestFirst.next().forgetAt.isAfter(now)) {
            oldestFirst.remove();
        }
    }

    private void release(JourneyId id, long version) {
        List<Waiter> released = new ArrayList<>();
        waiters.computeIfPresent(id, (key, registered) -> {
            for (Iterator<Waiter> it = registered.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.version <= version) {
                    it.remove();
                    released.add(waiter);
                }
            }
            return registered.isEmpty() ? null : registered;
        });
        released.forEach(waiter -> waiter.released.countDown());
    }

    private void forget(JourneyId id, Waiter waiter) {
        waiters.computeIfPresent(id, (key, registered) -> {
            registered.remove(waiter);
            return registered.isEmpty() ? null : registered;
        });
    }

    /** The version of a journey's projected row, if there is a row. */
    @FunctionalInterface
    interface ProjectedVersions {
        OptionalLong of(JourneyId id);
    }

    /** Identity matters: two callers waiting for the same version are two waiters. */
    private static final class Waiter {
        private final long version;
        private final CountDownLatch released = new CountDownLatch(1);

        private Waiter(long version) {
            this.version = version;
        }
    }

    private record Deletion(long version, Instant forgetAt) {
    }
}
