package io.musicaljourney.journey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of connection followed from one node to the next. Stored with the design document's names; the
 * frontend says {@code genre_connections} for {@link #GENRE}, which is accepted as the same thing.
 */
public enum PathwayType {
    INFLUENCES, LEGACY, COLLABORATORS, CONTEMPORARIES, GENRE;

    private static final String FRONTEND_GENRE = "genre_connections";

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name the existing frontend expects in pathway responses. */
    public String frontendName() {
        return this == GENRE ? FRONTEND_GENRE : wireName();
    }

    public static Optional<PathwayType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (FRONTEND_GENRE.equals(value)) {
            return Optional.of(GENRE);
        }
        for (PathwayType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static PathwayType fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException(
                "pathwayType must be one of influences, legacy, collaborators, contemporaries, genre"));
    }
}
