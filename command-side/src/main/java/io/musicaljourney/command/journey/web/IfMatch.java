package io.musicaljourney.command.journey.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Reads the version a client last saw from {@code If-Match} and writes versions as entity tags. */
public final class IfMatch {

    private IfMatch() {
    }

    /** {@code "7"}, {@code W/"7"} or {@code 7}; absent or {@code *} means "whatever the current version is". */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException notAVersion) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "If-Match must be a journey version such as \"3\"");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
