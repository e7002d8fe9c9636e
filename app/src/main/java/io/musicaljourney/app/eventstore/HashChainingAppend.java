package io.musicaljourney.app.eventstore;

import io.musicaljourney.query.audit.chain.EventChain;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Axon's append of events, preceded by the links of the hash chain (the audit's tamper evidence, V4) for the same
 * events, on the same connection and so in the same transaction: an event is never stored without its link, nor a
 * link without its event. Two instances appending the same sequence number collide on the chain's primary key as
 * they would on the event table's unique key, which Axon reports as the usual concurrency conflict.
 *
 * <p>The link covers the bytes the append stores: the serialized payload and metadata come from the message's
 * cache of its serialized form, which the append then reuses.
 */
class HashChainingAppend implements AppendEventsStatementBuilder {

    private static final String PREVIOUS_LINK =
            "SELECT hash FROM event_hash_chain WHERE aggregate_identifier = ? AND sequence_number = ?";
    private static final String INSERT_LINK = "INSERT INTO event_hash_chain "
            + "(aggregate_identifier, sequence_number, event_identifier, hash) VALUES (?, ?, ?, ?)";

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (!byte[].class.equals(dataType)) {
            throw new IllegalStateException("The hash chain covers events stored as bytes (BYTEA), not " + dataType);
        }
        Map<String, byte[]> previousByAggregate = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_LINK)) {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                byte[] previous = previousByAggregate.get(event.getAggregateIdentifier());
                if (previous == null) {
                    previous = previousLink(connection, event);
                }
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                byte[] link = EventChain.link(previous, new EventChain.ChainedEvent(event.getIdentifier(),
                        event.getAggregateIdentifier(), event.getSequenceNumber(), event.getType(),
                        DateTimeUtils.formatInstant(event.getTimestamp()), payload.getType().getName(),
                        payload.getType().getRevision(), (byte[]) payload.getData(), (byte[]) metaData.getData()));
                previousByAggregate.put(event.getAggregateIdentifier(), link);
                insert.setString(1, event.getAggregateIdentifier());
                insert.setLong(2, event.getSequenceNumber());
                insert.setString(3, event.getIdentifier());
                insert.setBytes(4, link);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer,
                timestampWriter);
    }

    /** As the append stores an event published outside an aggregate: its own identifier, sequence number 0. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> event ? event
                : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
    }

    /**
     * The link of the event before this one. None for a journey's first event; none either when that link is
     * missing, which verification then reports as the break it is.
     */
    private static byte[] previousLink(Connection connection, DomainEventMessage<?> event) throws SQLException {
        if (event.getSequenceNumber() == 0) {
            return EventChain.GENESIS;
        }
        try (PreparedStatement select = connection.prepareStatement(PREVIOUS_LINK)) {
            select.setString(1, event.getAggregateIdentifier());
            select.setLong(2, event.getSequenceNumber() - 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : EventChain.GENESIS;
            }
        }
    }
}
