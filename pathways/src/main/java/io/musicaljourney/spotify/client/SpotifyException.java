package io.musicaljourney.spotify.client;

/** Spotify could not give us what we asked for; the subclasses say how the caller should be answered. */
public abstract sealed class SpotifyException extends RuntimeException
        permits SpotifyApiException, SpotifyUnavailableException, SpotifyBadResponseException {

    protected SpotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
