package io.musicaljourney.query.journey.projection;

import io.musicaljourney.journey.JourneyId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JourneyProjectionTrackerTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(30);
    private static final Duration SHORT_WAIT = Duration.ofMillis(50);

    private final JourneyId journey = JourneyId.random();
    private final FakeDatabase database = new FakeDatabase();
    private final MutableClock clock = new MutableClock();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aVersionAlreadyProjectedIsReachedWithoutWaiting() {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        database.versions.put(journey, 7L);

        assertThat(tracker.awaitVersion(journey, 7, LONG_WAIT)).isTrue();
        assertThat(tracker.awaitVersion(journey, 3, LONG_WAIT)).isTrue();
        assertThat(tracker.pendingWaits()).isZero();
    }

    @Test
    void aWaiterIsReleasedAsSoonAsTheProjectorReportsItsVersion() throws Exception {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        Future<Boolean> waiting = callers.submit(() -> tracker.awaitVersion(journey, 2, LONG_WAIT));
        database.awaitLookups(1);

        tracker.projected(journey, 2);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.pendingWaits()).isZero();
    }

    @Test
    void aReportOfAnOlderVersionKeepsTheWaiterWaiting() throws Exception {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        Future<Boolean> waiting = callers.submit(() -> tracker.awaitVersion(journey, 5, LONG_WAIT));
        database.awaitLookups(1);

        tracker.projected(journey, 4);
        tracker.projected(JourneyId.random(), 5);

        assertThat(waiting.isDone()).isFalse();
        assertThat(tracker.pendingWaits()).isEqualTo(1);
        tracker.projected(journey, 6);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyWaiterUpToTheReportedVersionIsReleasedAndTheOthersKeepWaiting() throws Exception {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        Future<Boolean> first = callers.submit(() -> tracker.awaitVersion(journey, 1, LONG_WAIT));
        Future<Boolean> second = callers.submit(() -> tracker.awaitVersion(journey, 1, LONG_WAIT));
        Future<Boolean> later = callers.submit(() -> tracker.awaitVersion(journey, 9, LONG_WAIT));
        database.awaitLookups(3);

        tracker.projected(journey, 1);

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(later.isDone()).isFalse();
        assertThat(tracker.pendingWaits()).isEqualTo(1);
        tracker.projected(journey, 9);
        assertThat(later.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWaitThatTimesOutAnswersFalseAndLeavesNothingBehind() {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);

        assertThat(tracker.awaitVersion(journey, 1, SHORT_WAIT)).isFalse();
        assertThat(tracker.awaitVersion(journey, 1, Duration.ZERO)).isFalse();
        assertThat(tracker.pendingWaits()).isZero();
    }

    @Test
    void aVersionProjectedByAnotherInstanceIsFoundByLookingAgain() throws Exception {
        JourneyProjectionTracker tracker = tracker(Duration.ofMillis(5));
        Future<Boolean> waiting = callers.submit(() -> tracker.awaitVersion(journey, 3, LONG_WAIT));
        database.awaitLookups(1);

        database.versions.put(journey, 3L);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.pendingWaits()).isZero();
    }

    @Test
    void aWaiterLooksAtTheDatabaseOnArrivalAndAtItsDeadlineButNotInALoop() {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);

        tracker.awaitVersion(journey, 1, Duration.ofMillis(200));

        assertThat(database.lookups.get()).isEqualTo(2);
    }

    @Test
    void aDeletionReachesTheVersionsUpToItsOwnThoughNoRowIsLeft() throws Exception {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        Future<Boolean> waiting = callers.submit(() -> tracker.awaitVersion(journey, 4, LONG_WAIT));
        database.awaitLookups(1);

        tracker.deleted(journey, 4);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.awaitVersion(journey, 4, LONG_WAIT)).isTrue();
        assertThat(tracker.awaitVersion(journey, 5, SHORT_WAIT)).isFalse();
    }

    @Test
    void aDeletionIsForgottenAfterAWhile() {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        tracker.deleted(journey, 4);

        clock.advance(JourneyProjectionTracker.DELETION_MEMORY.minusSeconds(1));
        assertThat(tracker.awaitVersion(journey, 4, SHORT_WAIT)).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.awaitVersion(journey, 4, SHORT_WAIT)).isFalse();
    }

    @Test
    void anInterruptedWaiterGivesUpAndKeepsItsInterruptFlag() throws Exception {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        AtomicReference<Boolean> reached = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            reached.set(tracker.awaitVersion(journey, 1, LONG_WAIT));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        database.awaitLookups(1);

        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(waiter.isAlive()).isFalse();
        assertThat(reached.get()).isFalse();
        assertThat(stillInterrupted).isTrue();
        assertThat(tracker.pendingWaits()).isZero();
    }

    @Test
    void aJourneyProjectedHereIsReachedFromTheLocalReportsWithoutAskingTheTable() {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        tracker.projectsHere(id -> id.equals(journey));
        tracker.projected(journey, 3);

        assertThat(tracker.awaitVersion(journey, 3, LONG_WAIT)).isTrue();
        assertThat(database.lookups.get()).isZero();
    }

    @Test
    void aWaiterOnAJourneyProjectedHereIsReleasedByTheReportWithoutAskingTheTable() throws Exception {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        tracker.projectsHere(id -> id.equals(journey));
        Future<Boolean> waiting = callers.submit(() -> tracker.awaitVersion(journey, 2, LONG_WAIT));
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.pendingWaits() == 1);

        tracker.projected(journey, 2);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(database.lookups.get()).isZero();
    }

    @Test
    void aJourneyProjectedElsewhereIsLookedUpInTheTableAtOnce() {
        JourneyProjectionTracker tracker = tracker(LONG_WAIT);
        tracker.projectsHere(id -> false);
        database.versions.put(journey, 4L);

        assertThat(tracker.awaitVersion(journey, 4, LONG_WAIT)).isTrue();
        assertThat(database.lookups.get()).isEqualTo(1);
    }

    @Test
    void aJourneyProjectedHereIsStillLookedUpInTheTableAfterTheRecheckInterval() {
        // The segment moved here after another instance had projected the version: no local report will come.
        JourneyProjectionTracker tracker = tracker(SHORT_WAIT);
        tracker.projectsHere(id -> true);
        database.versions.put(journey, 5L);

        assertThat(tracker.awaitVersion(journey, 5, LONG_WAIT)).isTrue();
        assertThat(database.lookups.get()).isEqualTo(1);
    }

    private JourneyProjectionTracker tracker(Duration recheckInterval) {
        return new JourneyProjectionTracker(database, clock, recheckInterval,
                JourneyProjectionTracker.DELETION_MEMORY);
    }

    /** The {@code journeys} table as far as the tracker sees it; lets a test know that a waiter has registered. */
    private static final class FakeDatabase implements JourneyProjectionTracker.ProjectedVersions {
        final Map<JourneyId, Long> versions = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();
        private final Object lookedUp = new Object();

        @Override
        public OptionalLong of(JourneyId id) {
            Long version = versions.get(id);
            synchronized (lookedUp) {
                lookups.incrementAndGet();
                lookedUp.notifyAll();
            }
            return version == null ? OptionalLong.empty() : OptionalLong.of(version);
        }

        /** A waiter registers before its first lookup, so after n lookups n waiters are registered. */
        void awaitLookups(int count) throws InterruptedException {
            synchronized (lookedUp) {
                while (lookups.get() < count) {
                    lookedUp.wait();
                }
            }
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
