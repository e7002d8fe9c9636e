package io.musicaljourney.journey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** An opaque node identity (a Spotify id, a kebab-case genre id, an offline catalog id...). */
public record NodeId(String value) {

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
    }

    @JsonCreator
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    /** Null-tolerant factory for optional references such as a visit's parent. */
    public static NodeId ofNullable(String value) {
        return value == null || value.isBlank() ? null : new NodeId(value);
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
