package io.musicaljourney.spotify.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatusCode;

/**
 * Spotify answered with an error (a 4xx, or a 5xx that outlived the retries). The caller gets Spotify's status, its
 * message, and its error body as {@code details}.
 *
 * @see SpotifyWebApi#messageOf
 */
public final class SpotifyApiException extends SpotifyException {

    private final HttpStatusCode status;
    private final JsonNode details;

    public SpotifyApiException(HttpStatusCode status, String message, JsonNode details) {
        super(message, null);
        this.status = status;
        this.details = details;
    }

    public HttpStatusCode status() {
        return status;
    }

    /** Spotify's error body: its JSON, or the text it sent as a JSON string. */
    public JsonNode details() {
        return details;
    }
}
