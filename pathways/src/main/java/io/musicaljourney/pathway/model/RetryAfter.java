package io.musicaljourney.pathway.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After} (seconds or an HTTP date) and Anthropic's {@code retry-after-ms}. */
final class RetryAfter {

    private RetryAfter() {
    }

    static Duration parse(String retryAfterMs, String retryAfter, Instant now) {
        if (retryAfterMs != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(retryAfterMs.strip())));
            } catch (NumberFormatException ignored) {
                // fall through to the standard header
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String value = retryAfter.strip();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static Optional<String> first(java.util.List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
