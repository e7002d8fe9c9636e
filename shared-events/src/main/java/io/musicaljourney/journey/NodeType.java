package io.musicaljourney.journey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a node of a journey stands for. */
public enum NodeType {
    ARTIST, TRACK, ALBUM, GENRE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NodeType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }

    @JsonCreator
    public static NodeType fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException(
                "nodeType must be one of artist, track, album, genre"));
    }
}
