package io.musicaljourney.spotify.playlist;

/** The request cannot become a playlist; answered with the contract's message. */
public class PlaylistRejectedException extends RuntimeException {

    public enum Reason { INVALID, JOURNEY_NOT_FOUND }

    private final Reason reason;

    PlaylistRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
