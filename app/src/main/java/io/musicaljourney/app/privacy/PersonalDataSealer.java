package io.musicaljourney.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicaljourney.common.PersonalData;
import io.musicaljourney.common.UserId;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encrypts the personal data of an event's serialized form just before it is stored, and decrypts it for every
 * reader ({@link PersonalDataUpcaster}). Encrypted: the fields marked {@link PersonalData} and the metadata's
 * {@code userId}, with the key of that user (whose command caused the event). An event with personal fields and no
 * user is refused rather than stored readable.
 */
@Component
public class PersonalDataSealer {

    /** The metadata key of the acting user (AxonConfiguration.USER_ID). */
    public static final String USER_ID = "userId";

    private final PersonalDataKeys keys;
    private final ObjectMapper json = new ObjectMapper();
    private final PersonalDataCipher cipher = new PersonalDataCipher(json);
    private final Map<Class<?>, List<String>> personalFields = new ConcurrentHashMap<>();

    public PersonalDataSealer(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** The serialized payload and metadata as they are to be stored. */
    public record Sealed(byte[] payload, byte[] metaData) {
    }

    public Sealed seal(Class<?> payloadType, byte[] payload, Object subject, byte[] metaData) {
        List<String> fields = personalFields.computeIfAbsent(payloadType, PersonalDataSealer::personalFieldsOf);
        if (subject == null) {
            if (!fields.isEmpty()) {
                throw new IllegalStateException(payloadType.getSimpleName()
                        + " holds personal data but names no user whose key would protect it");
            }
            return new Sealed(payload, metaData);
        }
        PersonalDataKeys.UserKey key = keys.keyOf(UserId.of(subject.toString()));
        try {
            return new Sealed(fields.isEmpty() ? payload : sealFields(payload, fields, key),
                    sealFields(metaData, List.of(USER_ID), key));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the serialized " + payloadType.getSimpleName(), e);
        }
    }

    /** Top-level sealed values replaced by their plaintext, or by their erased stand-in once the key is gone. */
    public JsonNode open(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        ObjectNode opened = null;
        for (var fields = object.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (PersonalDataCipher.isSealed(field.getValue())) {
                opened = opened == null ? object.deepCopy() : opened;
                opened.set(field.getKey(), cipher.open(field.getValue().textValue(), keys::key));
            }
        }
        return opened == null ? node : opened;
    }

    /** The metadata value as stored, opened. */
    public Object openValue(Object value) {
        if (value instanceof String text && text.startsWith(PersonalDataCipher.PREFIX)) {
            JsonNode opened = cipher.open(text, keys::key);
            return opened.isTextual() ? opened.textValue() : opened.isNull() ? null : opened.toString();
        }
        return value;
    }

    /** Whether any byte sequence of the stored JSON may hold a sealed value: a cheap test before parsing. */
    public static boolean mayHoldSealedValues(byte[] serialized) {
        byte[] marker = ("\"" + PersonalDataCipher.PREFIX).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= serialized.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (serialized[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    Optional<SecretKey> key(UUID keyId) {
        return keys.key(keyId);
    }

    private byte[] sealFields(byte[] serialized, List<String> fields, PersonalDataKeys.UserKey key)
            throws IOException {
        if (serialized == null) {
            return null;
        }
        JsonNode node = json.readTree(serialized);
        if (!(node instanceof ObjectNode object)) {
            return serialized;
        }
        boolean changed = false;
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value != null && !value.isNull() && !PersonalDataCipher.isSealed(value)) {
                object.put(field, cipher.seal(value, key));
                changed = true;
            }
        }
        return changed ? json.writeValueAsBytes(object) : serialized;
    }

    private static List<String> personalFieldsOf(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            return List.of();
        }
        return Arrays.stream(components).filter(component -> component.isAnnotationPresent(PersonalData.class))
                .map(RecordComponent::getName).toList();
    }
}
