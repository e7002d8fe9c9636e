package io.musicaljourney.sharing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * What the audit shows instead of the token: the first 64 bits of its SHA-256, enough to tell the shares of one
     * journey apart and to match a token an owner still has, useless for opening the link (tokens carry 144 random
     * bits, so the fingerprint cannot be inverted by guessing).
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ShareToken[redacted]";
    }
}
