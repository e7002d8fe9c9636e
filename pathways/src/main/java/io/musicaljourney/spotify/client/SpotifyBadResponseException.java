package io.musicaljourney.spotify.client;

/** Spotify answered success with a body that is not JSON. Answered 502: the fault is upstream, not the caller's. */
public final class SpotifyBadResponseException extends SpotifyException {

    public SpotifyBadResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
