package io.musicaljourney.journey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies one journey; also the aggregate identifier, so {@link #toString()} is the bare UUID. */
public record JourneyId(UUID value) {

    public JourneyId {
        Objects.requireNonNull(value, "journey id");
    }

    public static JourneyId random() {
        return new JourneyId(UUID.randomUUID());
    }

    @JsonCreator
    public static JourneyId of(String value) {
        return new JourneyId(UUID.fromString(value));
    }

    /** Lenient parse for ids that arrive in URLs: anything that is not a UUID names no journey. */
    public static Optional<JourneyId> parse(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(value));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @JsonValue
    public String asString() {
        return value.toString();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
