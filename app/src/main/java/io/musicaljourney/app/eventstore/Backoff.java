package io.musicaljourney.app.eventstore;

import java.time.Duration;

/**
 * The doubling wait between attempts to reach PostgreSQL again, shared by the threads that keep a connection of
 * their own ({@link EventNotificationListener}, {@link CommitNoticeSender}); a wait is cut short when its owner stops.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Object sleeper = new Object();
    private Duration current;
    private volatile boolean stopped;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** The wait the next {@link #pause()} takes. */
    Duration current() {
        return current;
    }

    /** After a success: the next failure waits the initial time again. */
    void reset() {
        current = initial;
    }

    /** Waits the current time and doubles it, up to the maximum; false once stopped (or interrupted). */
    boolean pause() {
        synchronized (sleeper) {
            try {
                if (!stopped) {
                    sleeper.wait(current.toMillis());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return !stopped;
    }

    /** Ends a wait under way, and every later one at once. */
    void stop() {
        stopped = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }
}
