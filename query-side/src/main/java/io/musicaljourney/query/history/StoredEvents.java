package io.musicaljourney.query.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.UnknownSerializedType;

/** How the history and the audit name a stored event and read the metadata stamped on it. */
public final class StoredEvents {

    /** The metadata keys the app's correlation data providers copy from each command onto its events. */
    public static final String USER_ID = "userId";
    public static final String REQUEST_ID = "requestId";
    public static final String CLIENT = "client";

    private StoredEvents() {
    }

    /** {@code NodeVisitedEvent} is {@code NodeVisited}; a type this instance does not know keeps its stored name. */
    public static String typeOf(DomainEventMessage<?> event) {
        String name = event.getPayload() instanceof UnknownSerializedType unknown
                ? unknown.serializedType().getName() : event.getPayloadType().getName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return simple.endsWith("Event") && simple.length() > "Event".length()
                ? simple.substring(0, simple.length() - "Event".length()) : simple;
    }

    /** Null when the event does not carry the key. */
    public static String metadata(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
