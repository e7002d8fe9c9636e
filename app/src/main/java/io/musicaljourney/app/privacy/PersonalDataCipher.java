package io.musicaljourney.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * One personal value as the event store keeps it: {@code pd1:<s|j>:<key id>:<base64url(nonce, AES-GCM ciphertext)>}.
 * The plaintext is the value's JSON, so strings, maps and numbers come back as they were; {@code s} or {@code j}
 * says whether it was a string, so that an erased value can keep its JSON type ({@code "[erased]"} for strings,
 * {@code null} otherwise) and the event still deserializes. The key id is authenticated with the ciphertext.
 */
final class PersonalDataCipher {

    static final String PREFIX = "pd1:";
    static final String ERASED = "[erased]";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * One cipher per thread, initialised afresh (with a fresh nonce) for every value: {@code Cipher.getInstance}
     * walks the security providers on each call, and was a third of sealing's cost on the command path (issue 5).
     */
    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    PersonalDataCipher(ObjectMapper json) {
        this.json = json;
    }

    String seal(JsonNode value, PersonalDataKeys.UserKey key) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher aes = AES_GCM.get();
            aes.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(key.id().toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = aes.doFinal(json.writeValueAsBytes(value));
            byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + (value.isTextual() ? "s" : "j") + ":" + key.id() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(stored);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot encrypt personal data", e);
        }
    }

    static boolean isSealed(JsonNode value) {
        return value != null && value.isTextual() && value.textValue().startsWith(PREFIX);
    }

    /**
     * The value, or its erased stand-in when the key is gone; a text that only looks sealed (it does not parse or
     * does not authenticate) is returned as it is.
     */
    JsonNode open(String sealed, java.util.function.Function<UUID, Optional<SecretKey>> keys) {
        String[] parts = sealed.split(":", 4);
        if (parts.length != 4 || !(parts[1].equals("s") || parts[1].equals("j"))) {
            return TextNode.valueOf(sealed);
        }
        UUID keyId;
        byte[] stored;
        try {
            keyId = UUID.fromString(parts[2]);
            stored = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException notSealed) {
            return TextNode.valueOf(sealed);
        }
        Optional<SecretKey> key = keys.apply(keyId);
        if (key.isEmpty()) {
            return parts[1].equals("s") ? TextNode.valueOf(ERASED) : NullNode.getInstance();
        }
        try {
            Cipher aes = AES_GCM.get();
            aes.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            aes.updateAAD(keyId.toString().getBytes(StandardCharsets.US_ASCII));
            return json.readTree(aes.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES));
        } catch (GeneralSecurityException | IOException | RuntimeException notOurs) {
            return TextNode.valueOf(sealed);
        }
    }
}
