package io.musicaljourney.journey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** A track's identity inside a journey: the Spotify track id (never the {@code spotify:track:} URI). */
public record TrackId(String value) {

    private static final String URI_PREFIX = "spotify:track:";

    public TrackId {
        Objects.requireNonNull(value, "track id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("track id must not be blank");
        }
    }

    @JsonCreator
    public static TrackId of(String value) {
        return new TrackId(value);
    }

    /** Accepts both a bare id and a {@code spotify:track:<id>} URI, as older frontends send either. */
    public static TrackId fromIdOrUri(String value) {
        if (value != null && value.startsWith(URI_PREFIX)) {
            return new TrackId(value.substring(URI_PREFIX.length()));
        }
        return new TrackId(value);
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
