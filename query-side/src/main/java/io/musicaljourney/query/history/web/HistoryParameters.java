package io.musicaljourney.query.history.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The query parameters of the history routes. Absent or empty means the default; anything else out of range is a
 * 400, never silently clamped (as the list routes' {@code Paging}).
 */
final class HistoryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private HistoryParameters() {
    }

    /** {@code after}: the cursor of the previous page, a sequence number; -1 (the start) when absent. */
    static long after(String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        return nonNegative(value, "after must be a non-negative integer (the nextCursor of the previous page)");
    }

    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notAnInteger) {
            // answered below
        }
        throw badRequest("limit must be an integer from 1 to " + MAX_LIMIT);
    }

    static long version(String value) {
        return nonNegative(value, "version must be a non-negative integer");
    }

    /** ISO-8601 with {@code Z} or an offset, e.g. {@code 2026-03-01T10:15:30.123Z}. */
    static Instant at(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notAnOffsetTime) {
            throw badRequest("at must be an ISO-8601 time such as 2026-03-01T10:15:30.123Z");
        }
    }

    private static long nonNegative(String value, String message) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException notAnInteger) {
            // answered below
        }
        throw badRequest(message);
    }

    static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
