package io.musicaljourney.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** The id of a person using the service: Spotify's user id in production, the bearer itself in local mode. */
public record UserId(String value) {

    public UserId {
        Objects.requireNonNull(value, "user id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("user id must not be blank");
        }
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
