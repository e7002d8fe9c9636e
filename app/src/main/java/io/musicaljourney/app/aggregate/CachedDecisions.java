package io.musicaljourney.app.aggregate;

import java.util.function.Supplier;

/**
 * Lets a command decide on a cached journey without first reading the events appended after it, and decides it
 * again, after that read, whenever the first decision could have been made on a stale journey.
 *
 * <p>A decision that appended events and committed was made on the current journey: the cached version's successor
 * sequence number was still free, or the unique key on {@code (aggregate_identifier, sequence_number)} would have
 * refused the append. Any other outcome (a refusal, a command that changes nothing, a failed append) may have come
 * from a journey another instance had moved on, so the command runs once more with the catch-up read, and that
 * answer is the one returned; the first attempt stored nothing. Within one instance the cache is always current (it
 * is updated at every commit under the journey's lock), so the second attempt is needed only after another
 * instance's write, or for commands that change nothing.
 *
 * <p>Bound to the dispatching thread: only a command handled on the thread that sent it (Axon's simple command
 * bus) is decided this way; anything else reads first, as before.
 */
public final class CachedDecisions {

    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    private CachedDecisions() {
    }

    /** One run of a command. */
    static final class Attempt {
        private final boolean readFirst;
        private boolean unconfirmed;

        private Attempt(boolean readFirst) {
            this.readFirst = readFirst;
        }

        /** Whether a cached journey may be used as it is. */
        boolean trustsCache() {
            return !readFirst;
        }

        /** A cached journey was used without reading what came after it. */
        void decidedOnCache() {
            unconfirmed = true;
        }

        /** Its events were appended and committed: it was current. */
        void confirmed() {
            unconfirmed = false;
        }
    }

    /** The attempt running on this thread, or null. */
    static Attempt current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code command}, trusting cached journeys, and runs it again with reads when its outcome does not prove
     * that the journey it used was current.
     */
    public static <R> R run(Supplier<R> command) {
        if (CURRENT.get() != null) {
            return command.get();
        }
        Attempt first = new Attempt(false);
        CURRENT.set(first);
        try {
            R result = command.get();
            if (!first.unconfirmed) {
                return result;
            }
        } catch (RuntimeException failed) {
            if (!first.unconfirmed) {
                throw failed;
            }
        } finally {
            CURRENT.remove();
        }
        return again(command);
    }

    private static <R> R again(Supplier<R> command) {
        CURRENT.set(new Attempt(true));
        try {
            return command.get();
        } finally {
            CURRENT.remove();
        }
    }
}
