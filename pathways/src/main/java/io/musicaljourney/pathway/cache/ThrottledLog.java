package io.musicaljourney.pathway.cache;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A warning that repeats at most once per interval, so a failing tier cannot flood the log at request rate. */
final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

    ThrottledLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    void warn(String message, Throwable failure) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0) && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            log.warn("{} (repeats of this warning are suppressed for a while): {}", message, failure.toString());
        } else {
            log.debug("{}: {}", message, failure.toString());
        }
    }
}
