package io.musicaljourney.spotify.web;

/**
 * The caller's own Spotify access token, from the {@code Authorization} header that identity resolution has already
 * checked (a route asks for the {@code UserId} first, so a missing or malformed header is a 401 before this runs).
 */
final class AccessToken {

    private static final String BEARER = "Bearer ";

    private AccessToken() {
    }

    static String from(String authorization) {
        return authorization.substring(BEARER.length()).strip();
    }
}
