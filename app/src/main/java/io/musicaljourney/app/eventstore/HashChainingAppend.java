package io.musicaljourney.app.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.musicaljourney.app.privacy.PersonalDataSealer;
import io.musicaljourney.query.audit.chain.EventChain;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
 * Axon's append of events, each event inserted by one statement together with its link of the hash chain (the
 * audit's tamper evidence, V4): a data-modifying {@code WITH} writes the link, the statement's main part the event, so
 * an event is never stored without its link, nor a link without its event, and the pair costs one round trip instead
 * of two (issue 5). Two instances appending the same sequence number collide on the chain's primary key as they would
 * on the event table's unique key, which Axon reports as the usual concurrency conflict.
 *
 * <p>Personal data is encrypted here, on its way to the table ({@link PersonalDataSealer}), and the link covers the
 * bytes as stored, encrypted. The events are then inserted as Axon's own append does, with those bytes.
 *
 * <p>The newest committed link of recently written journeys is remembered, so that the next event of a journey
 * finds the link before it without asking the table: one query less per command (issue 5). A link is remembered
 * only once its transaction committed, and used only for the very next sequence number, so a rolled-back append or
 * another instance's append in between leads back to the table.
 */
class HashChainingAppend implements AppendEventsStatementBuilder {

    private static final int REMEMBERED_JOURNEYS = 10_000;

    private final PersonalDataSealer sealer;
    private final Cache<String, Link> committedLinks = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_JOURNEYS)
            .build();

    HashChainingAppend(PersonalDataSealer sealer) {
        this.sealer = sealer;
    }

    /** The link of an aggregate's event with this sequence number. */
    private record Link(long sequence, byte[] hash) {
    }

    private static final String PREVIOUS_LINK =
            "SELECT hash FROM event_hash_chain WHERE aggregate_identifier = ? AND sequence_number = ?";
    private static final String INSERT_LINK = "WITH link AS (INSERT INTO event_hash_chain "
            + "(aggregate_identifier, sequence_number, event_identifier, hash) VALUES (?, ?, ?, ?)) ";
    private static final int LINK_PARAMETERS = 4;

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (!byte[].class.equals(dataType)) {
            throw new IllegalStateException("The hash chain covers events stored as bytes (BYTEA), not " + dataType);
        }
        Map<String, Link> previousByAggregate = new HashMap<>();
        PreparedStatement append = connection.prepareStatement(INSERT_LINK + "INSERT INTO "
                + schema.domainEventTable() + " (" + schema.domainEventFields() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        try {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                Link before = previousByAggregate.get(event.getAggregateIdentifier());
                byte[] previous = before != null ? before.hash() : previousLink(connection, event);
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                PersonalDataSealer.Sealed stored = sealer.seal(event.getPayloadType(), (byte[]) payload.getData(),
                        event.getMetaData().get(PersonalDataSealer.USER_ID), (byte[]) metaData.getData());
                String timestamp = DateTimeUtils.formatInstant(event.getTimestamp());
                byte[] link = EventChain.link(previous, new EventChain.ChainedEvent(event.getIdentifier(),
                        event.getAggregateIdentifier(), event.getSequenceNumber(), event.getType(), timestamp,
                        payload.getType().getName(), payload.getType().getRevision(), stored.payload(),
                        stored.metaData()));
                previousByAggregate.put(event.getAggregateIdentifier(), new Link(event.getSequenceNumber(), link));
                append.setString(1, event.getAggregateIdentifier());
                append.setLong(2, event.getSequenceNumber());
                append.setString(3, event.getIdentifier());
                append.setBytes(4, link);
                // The columns in the order of EventSchema#domainEventFields, as Axon's own append writes them.
                append.setString(LINK_PARAMETERS + 1, event.getIdentifier());
                append.setString(LINK_PARAMETERS + 2, event.getAggregateIdentifier());
                append.setLong(LINK_PARAMETERS + 3, event.getSequenceNumber());
                append.setString(LINK_PARAMETERS + 4, event.getType());
                timestampWriter.writeTimestamp(append, LINK_PARAMETERS + 5, event.getTimestamp());
                append.setString(LINK_PARAMETERS + 6, payload.getType().getName());
                append.setString(LINK_PARAMETERS + 7, payload.getType().getRevision());
                append.setBytes(LINK_PARAMETERS + 8, stored.payload());
                append.setBytes(LINK_PARAMETERS + 9, stored.metaData());
                append.addBatch();
            }
            rememberAfterCommit(previousByAggregate);
        } catch (SQLException | RuntimeException e) {
            append.close();
            throw e;
        }
        return append;
    }

    /** As the append stores an event published outside an aggregate: its own identifier, sequence number 0. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> event ? event
                : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
    }

    private void rememberAfterCommit(Map<String, Link> newest) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> committedLinks.putAll(newest));
        }
    }

    /**
     * The link of the event before this one. None for a journey's first event; none either when that link is
     * missing, which verification then reports as the break it is.
     */
    private byte[] previousLink(Connection connection, DomainEventMessage<?> event) throws SQLException {
        if (event.getSequenceNumber() == 0) {
            return EventChain.GENESIS;
        }
        Link remembered = committedLinks.getIfPresent(event.getAggregateIdentifier());
        if (remembered != null && remembered.sequence() == event.getSequenceNumber() - 1) {
            return remembered.hash();
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
