package io.musicaljourney.query.journey.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@code limit} and {@code offset} query parameters of the list routes.
 *
 * <p>An absent or empty parameter takes its default ({@value #DEFAULT_LIMIT} and 0). Anything else must be a
 * decimal integer in range ({@code limit} from 1 to {@value #MAX_LIMIT}, {@code offset} from 0); other values are
 * answered with 400 rather than silently clamped, so that a client bug shows up at once instead of as a page
 * that is quietly shorter or different from the one asked for.
 */
record Paging(int limit, int offset) {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    static Paging of(String limit, String offset) {
        return new Paging(
                parse(limit, DEFAULT_LIMIT, 1, MAX_LIMIT, "limit must be an integer from 1 to " + MAX_LIMIT),
                parse(offset, 0, 0, Integer.MAX_VALUE, "offset must be a non-negative integer"));
    }

    private static int parse(String value, int fallback, int min, int max, String message) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notAnInteger) {
            // answered below, like a number out of range
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
