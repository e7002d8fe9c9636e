package io.musicaljourney.sharing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** The secret of a shared link. {@link #toString()} never prints it, so it cannot leak through logs. */
public record ShareToken(String value) {

    public ShareToken {
        Objects.requireNonNull(value, "share token");
    }

    @JsonCreator
    public static ShareToken of(String value) {
        return new ShareToken(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ShareToken[redacted]";
    }
}
