package io.musicaljourney.app.eventstore.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code NodeVisitedEvent} revision 1 to 2: {@code attributes} became {@code clientFields}. Stored events are never
 * rewritten (the audit's hash chain covers their bytes); every reader (aggregate, projections, history, rebuilds)
 * gets the current shape through Axon's upcaster chain.
 */
@Component
@Order(0)
public class NodeVisitedEventUpcaster extends SingleEventUpcaster {

    static final String TYPE = "io.musicaljourney.journey.event.NodeVisitedEvent";
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, NodeVisitedEventUpcaster::renameAttributes);
    }

    private static JsonNode renameAttributes(JsonNode payload) {
        if (!(payload instanceof ObjectNode revision1)) {
            return payload;
        }
        ObjectNode revision2 = revision1.deepCopy();
        JsonNode attributes = revision2.remove("attributes");
        if (attributes != null) {
            revision2.set("clientFields", attributes);
        }
        return revision2;
    }
}
