package io.musicaljourney.spotify.web;

import org.springframework.http.HttpStatus;

/** A request the proxies answer themselves, with the contract's exact message (400 for a missing {@code q}...). */
class SpotifyRouteException extends RuntimeException {

    private final HttpStatus status;

    SpotifyRouteException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static SpotifyRouteException badRequest(String message) {
        return new SpotifyRouteException(HttpStatus.BAD_REQUEST, message);
    }

    HttpStatus status() {
        return status;
    }
}
