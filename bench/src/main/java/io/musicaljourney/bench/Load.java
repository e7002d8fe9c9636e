package io.musicaljourney.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop and open-loop drivers. Every loop is bounded by a count and by a time; latencies go into
 * HdrHistograms (microseconds, 3 significant digits).
 */
final class Load {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);

    /** One client of a load: owns its connection and state, is used by one thread only. */
    interface Client extends AutoCloseable {
        /** One operation; throws on any failure (a wrong status included). */
        void run() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    interface ClientFactory {
        Client create(int index) throws Exception;
    }

    record Result(String name, int concurrency, long operations, long errors, double seconds, Histogram latency,
                  String firstError, boolean capped) {

        double perSecond() {
            return seconds <= 0 ? 0 : operations / seconds;
        }

        double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private Load() {
    }

    /**
     * {@code clients} threads each run up to {@code perClient} operations back to back, all stopped at
     * {@code maxSeconds}. Clients are created (and may prepare state) before the clock starts.
     */
    static Result closed(String name, int clients, long perClient, double maxSeconds, ClientFactory factory,
                         Progress progress) throws Exception {
        List<Client> created = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                created.add(factory.create(i));
            }
            AtomicLong done = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            Histogram[] latencies = new Histogram[clients];
            CyclicBarrier start = new CyclicBarrier(clients + 1);
            CountDownLatch finished = new CountDownLatch(clients);
            long[] startNanos = new long[1];
            long deadlineHolder[] = new long[1];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Client client = created.get(i);
                Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
                latencies[i] = histogram;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        long deadline = deadlineHolder[0];
                        for (long n = 0; n < perClient && System.nanoTime() < deadline; n++) {
                            long before = System.nanoTime();
                            try {
                                client.run();
                                histogram.recordValue(Math.min(MAX_LATENCY_MICROS,
                                        (System.nanoTime() - before) / 1000));
                                done.incrementAndGet();
                            } catch (Exception failure) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, failure.toString());
                                if (errors.get() > 1000) {
                                    break;
                                }
                            }
                        }
                    } catch (Exception interrupted) {
                        firstError.compareAndSet(null, interrupted.toString());
                    } finally {
                        finished.countDown();
                    }
                }, "load-" + name + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            startNanos[0] = System.nanoTime();
            deadlineHolder[0] = startNanos[0] + (long) (maxSeconds * 1e9);
            start.await();
            long total = perClient * clients;
            while (!finished.await(1, TimeUnit.SECONDS)) {
                progress.tick(name + " c=" + clients, done.get(), total, startNanos[0]);
                if (System.nanoTime() > deadlineHolder[0] + TimeUnit.SECONDS.toNanos(35)) {
                    break; // a request hangs past the socket timeout: give up on it
                }
            }
            double seconds = (System.nanoTime() - startNanos[0]) / 1e9;
            Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
            for (Histogram histogram : latencies) {
                all.add(histogram);
            }
            boolean capped = done.get() + errors.get() < total;
            return new Result(name, clients, done.get(), errors.get(), seconds, all, firstError.get(), capped);
        } finally {
            for (Client client : created) {
                try {
                    client.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
    }

    /**
     * Open loop: {@code arrivals} requests scheduled at a fixed {@code ratePerSecond}, whatever the answers do,
     * served by {@code workers} threads. A request's latency counts from its scheduled time, so time spent queued
     * behind slow answers is counted too (no coordinated omission).
     */
    static Result open(String name, double ratePerSecond, long arrivals, int workers, double maxSeconds,
                       ClientFactory factory, Progress progress) throws Exception {
        List<Client> created = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                created.add(factory.create(i));
            }
            BlockingQueue<Long> queue = new ArrayBlockingQueue<>((int) Math.min(arrivals + workers, 1_000_000));
            long poison = Long.MIN_VALUE;
            AtomicLong done = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            Histogram[] latencies = new Histogram[workers];
            long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long deadline = startNanos + (long) (maxSeconds * 1e9);
            CountDownLatch finished = new CountDownLatch(workers);
            for (int i = 0; i < workers; i++) {
                Client client = created.get(i);
                Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
                latencies[i] = histogram;
                Thread thread = new Thread(() -> {
                    try {
                        while (true) {
                            Long intended = queue.poll(1, TimeUnit.SECONDS);
                            if (intended == null) {
                                if (System.nanoTime() > deadline) {
                                    break;
                                }
                                continue;
                            }
                            if (intended == poison || System.nanoTime() > deadline) {
                                break;
                            }
                            try {
                                client.run();
                                histogram.recordValue(Math.min(MAX_LATENCY_MICROS,
                                        (System.nanoTime() - intended) / 1000));
                                done.incrementAndGet();
                            } catch (Exception failure) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, failure.toString());
                            }
                        }
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                    } finally {
                        finished.countDown();
                    }
                }, "open-" + name + "-" + i);
                thread.setDaemon(true);
                thread.start();
            }
            double intervalNanos = 1e9 / ratePerSecond;
            long scheduled = 0;
            long lastTick = System.nanoTime();
            while (scheduled < arrivals) {
                long at = startNanos + (long) (scheduled * intervalNanos);
                long now = System.nanoTime();
                if (now > deadline) {
                    break;
                }
                if (at > now) {
                    long sleep = at - now;
                    TimeUnit.NANOSECONDS.sleep(Math.min(sleep, 50_000_000));
                    if (System.nanoTime() < at) {
                        continue;
                    }
                }
                queue.put(at);
                scheduled++;
                if (System.nanoTime() - lastTick > 1_000_000_000L) {
                    progress.tick(name + " open " + Math.round(ratePerSecond) + "/s", done.get(), arrivals,
                            startNanos);
                    lastTick = System.nanoTime();
                }
            }
            for (int i = 0; i < workers; i++) {
                queue.put(poison);
            }
            finished.await((long) (maxSeconds + 40), TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
            for (Histogram histogram : latencies) {
                all.add(histogram);
            }
            boolean capped = done.get() + errors.get() < arrivals;
            return new Result(name, workers, done.get(), errors.get(), seconds, all, firstError.get(), capped);
        } finally {
            for (Client client : created) {
                try {
                    client.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** Prints a progress line now and then. */
    static final class Progress {
        private long lastPrint;

        synchronized void tick(String what, long done, long total, long startNanos) {
            long now = System.nanoTime();
            if (now - lastPrint < 2_000_000_000L) {
                return;
            }
            lastPrint = now;
            double seconds = (now - startNanos) / 1e9;
            Bench.say(String.format("    %s: %,d/%,d in %.1f s (%.0f/s)", what, done, total, seconds,
                    seconds > 0 ? done / seconds : 0));
        }
    }
}
