package io.musicaljourney.app.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The first upcaster of the chain: every reader of the event store (aggregates, projections, history, audit,
 * rebuilds) gets the personal data decrypted, or erased once its user was deleted, before any other upcaster or the
 * deserializer sees the event. Payloads without a sealed value are passed on as they are, unparsed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PersonalDataUpcaster extends SingleEventUpcaster {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PersonalDataSealer sealer;

    public PersonalDataUpcaster(PersonalDataSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return true;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcast(representation.getType(), byte[].class, this::openPayload, this::openMetaData);
    }

    private byte[] openPayload(byte[] payload) {
        if (!PersonalDataSealer.mayHoldSealedValues(payload)) {
            return payload;
        }
        try {
            return JSON.writeValueAsBytes(sealer.open(JSON.readTree(payload)));
        } catch (IOException e) {
            throw new IllegalStateException("A stored payload is not JSON", e);
        }
    }

    private MetaData openMetaData(MetaData metaData) {
        Object userId = metaData.get(PersonalDataSealer.USER_ID);
        Object opened = sealer.openValue(userId);
        if (opened == userId) {
            return metaData;
        }
        Map<String, Object> values = new HashMap<>(metaData);
        values.put(PersonalDataSealer.USER_ID, opened);
        return MetaData.from(values);
    }
}
