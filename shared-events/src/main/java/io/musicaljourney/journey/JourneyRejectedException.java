package io.musicaljourney.journey;

import java.util.Objects;

/** A journey command broke one of the aggregate's named invariants; nothing was appended. */
public class JourneyRejectedException extends RuntimeException {

    private final JourneyRejection reason;

    public JourneyRejectedException(JourneyRejection reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason);
    }

    public JourneyRejection reason() {
        return reason;
    }

    public static JourneyRejectedException notFound() {
        return new JourneyRejectedException(JourneyRejection.NOT_FOUND, "Not found");
    }

    public static JourneyRejectedException invalid(String message) {
        return new JourneyRejectedException(JourneyRejection.INVALID, message);
    }

    public static JourneyRejectedException stateConflict(String message) {
        return new JourneyRejectedException(JourneyRejection.STATE_CONFLICT, message);
    }

    public static JourneyRejectedException versionConflict(long expected, long actual) {
        return new JourneyRejectedException(JourneyRejection.VERSION_CONFLICT,
                "The journey changed since version " + expected + "; it is now at version " + actual);
    }

    public static JourneyRejectedException limitReached(String message) {
        return new JourneyRejectedException(JourneyRejection.LIMIT_REACHED, message);
    }
}
