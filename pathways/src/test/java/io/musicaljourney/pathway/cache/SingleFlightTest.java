package io.musicaljourney.pathway.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SingleFlightTest {

    private final SingleFlight<String> flights = new SingleFlight<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void concurrentCallsForOneKeyShareOneExecutionAndItsResult() throws Exception {
        List<Future<String>> results = callConcurrently(16, "key", () -> {
            runs.incrementAndGet();
            awaitRelease();
            return "value";
        });

        for (Future<String> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("value");
        }
        assertThat(runs).hasValue(1);
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotRemembered() throws Exception {
        IllegalStateException failure = new IllegalStateException("upstream down");
        List<Future<String>> results = callConcurrently(8, "key", () -> {
            runs.incrementAndGet();
            awaitRelease();
            throw failure;
        });

        for (Future<String> result : results) {
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasCause(failure);
        }
        assertThat(flights.run("key", () -> "second try")).isEqualTo("second try");
        assertThat(runs).hasValue(1);
    }

    @Test
    void differentKeysDoNotWaitForEachOther() {
        String outer = flights.run("a", () -> flights.run("b", () -> "inner"));

        assertThat(outer).isEqualTo("inner");
    }

    private List<Future<String>> callConcurrently(int callers, String key, Supplier<String> work) {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(pool.submit(() -> {
                arrived.incrementAndGet();
                return flights.run(key, work);
            }));
        }
        // Every caller has arrived and one of them is running the work: let it finish.
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == callers && runs.get() == 1
                && flights.inFlight() == 1);
        release.countDown();
        pool.shutdown();
        return results;
    }

    private void awaitRelease() {
        try {
            release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
