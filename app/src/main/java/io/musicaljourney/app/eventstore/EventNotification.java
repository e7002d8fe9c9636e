package io.musicaljourney.app.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one commit of events tells the other instances on the {@value #CHANNEL} channel: which instance committed
 * it and, per aggregate, the last sequence number it wrote. A wake-up call, never the events themselves: readers
 * fetch those from the event store, so a lost or repeated notification costs a query, never an event.
 *
 * <p>JSON such as {@code {"instance":"3f9a0c1e","aggregates":{"<journey id>":7}}}. PostgreSQL refuses payloads of
 * 8000 bytes or more; a commit touching so many aggregates that the list would pass {@value #MAX_PAYLOAD_BYTES}
 * bytes sends {@code "aggregates":null} instead, which means "anything may have changed".
 *
 * @param aggregates the last sequence number per aggregate, or null when unknown (everything should look again)
 */
public record EventNotification(String instance, Map<String, Long> aggregates) {

    public static final String CHANNEL = "journey_events";
    static final int MAX_PAYLOAD_BYTES = 7000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean everything() {
        return aggregates == null;
    }

    public String toPayload() {
        try {
            String payload = JSON.writeValueAsString(this);
            if (aggregates != null && payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                return new EventNotification(instance, null).toPayload();
            }
            return payload;
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("Cannot render an event notification", impossible);
        }
    }

    /** Sends this notification on {@link #CHANNEL} over {@code connection}, delivered when its transaction commits. */
    void sendOver(Connection connection) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, toPayload());
            notify.execute();
        }
    }

    /** A payload this code did not write (or garbage) reads as "everything may have changed", never as nothing. */
    public static EventNotification parse(String payload) {
        try {
            EventNotification notification = JSON.readValue(payload, EventNotification.class);
            return notification.aggregates == null ? notification
                    : new EventNotification(notification.instance, new LinkedHashMap<>(notification.aggregates));
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            return new EventNotification(null, null);
        }
    }
}
