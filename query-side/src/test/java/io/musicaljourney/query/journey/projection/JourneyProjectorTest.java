package io.musicaljourney.query.journey.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.journey.event.JourneyGraphSavedEvent;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Answers.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * What the projector asks of the database and when it tells waiters, with events fed through Axon's own handler
 * adapter (so the {@code @SequenceNumber} and {@code @Timestamp} parameters are resolved as in production). The
 * SQL itself runs against PostgreSQL in the app module's integration tests.
 */
class JourneyProjectorTest {

    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.123456789Z");
    private static final String AT_IN_UTC_MICROS = "2025-03-04T05:06:07.123456";

    private final JourneyId journey = JourneyId.random();
    private final NamedParameterJdbcTemplate jdbc = mock(NamedParameterJdbcTemplate.class, RETURNS_DEEP_STUBS);
    private final JourneyProjectionTracker tracker = mock(JourneyProjectionTracker.class);
    private final AnnotationEventHandlerAdapter projector =
            new AnnotationEventHandlerAdapter(new JourneyProjector(jdbc, new ObjectMapper(), tracker));
    private final ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
    private final ArgumentCaptor<SqlParameterSource> parameters = ArgumentCaptor.forClass(SqlParameterSource.class);

    @Test
    void aJourneyStartInsertsTheRowOnlyWhenItIsNotThereYetAtTheEventsSequenceAndTime() throws Exception {
        handle(new JourneyStartedEvent(journey, UserId.of("alice"), "Blues roots",
                new NodeRef(NodeId.of("mjc-robert-johnson"), NodeType.ARTIST, "Robert Johnson")), 0);

        SqlParameterSource row = lastStatement("INSERT INTO journeys");
        assertThat(lastSql()).contains("ON CONFLICT (id) DO NOTHING");
        assertThat(row.getValue("id")).isEqualTo(journey.value());
        assertThat(row.getValue("userId")).isEqualTo("alice");
        assertThat(row.getValue("title")).isEqualTo("Blues roots");
        assertThat(row.getValue("startingNodeType")).isEqualTo("artist");
        assertThat(row.getValue("startingNodeId")).isEqualTo("mjc-robert-johnson");
        assertThat(row.getValue("startingNodeName")).isEqualTo("Robert Johnson");
        assertThat(row.getValue("sequence")).isEqualTo(0L);
        assertThat(row.getValue("at")).isEqualTo(AT_IN_UTC_MICROS);
    }

    @Test
    void everyChangeAppliesOnlyToAnOlderRowAndStampsItWithTheEventsSequenceAndTime() throws Exception {
        List<Object> changes = List.of(
                new NodeVisitedEvent(journey, new NodeRef(NodeId.of("n1"), NodeType.ARTIST, "Son House"),
                        PathwayType.INFLUENCES, null, null, Map.of()),
                new NodeVisitRemovedEvent(journey, NodeId.of("n1")),
                new TrackAddedEvent(journey, new TrackRef(TrackId.of("t1"), "Death Letter", "Son House", null, null),
                        NodeId.of("n1"), Map.of()),
                new TrackRemovedEvent(journey, TrackId.of("t1")),
                new NarrativeRecordedEvent(journey, UUID.randomUUID(), NodeId.of("a"), NodeId.of("b"),
                        PathwayType.LEGACY, "A story."),
                new JourneyRenamedEvent(journey, null),
                new JourneyGraphSavedEvent(journey, Map.of("nodes", List.of())),
                new JourneySharedEvent(journey, ShareToken.of("token-1")),
                new ShareTokenRotatedEvent(journey, ShareToken.of("token-2")),
                new JourneyUnsharedEvent(journey));

        long sequence = 1;
        for (Object change : changes) {
            handle(change, sequence);

            SqlParameterSource row = lastStatement("UPDATE journeys SET ");
            assertThat(lastSql()).as(change.getClass().getSimpleName())
                    .endsWith(", version = :sequence, updated_at = CAST(:at AS timestamp) WHERE id = :id AND version < :sequence");
            assertThat(row.getValue("id")).isEqualTo(journey.value());
            assertThat(row.getValue("sequence")).isEqualTo(sequence);
            assertThat(row.getValue("at")).isEqualTo(AT_IN_UTC_MICROS);
            sequence++;
        }
    }

    @Test
    void anEntryCarriesTheSameTimeAsTheRowsUpdatedAt() throws Exception {
        handle(new TrackAddedEvent(journey, new TrackRef(TrackId.of("t1"), "Death Letter", "Son House", null, null),
                NodeId.of("n1"), Map.of()), 3);

        String entry = (String) lastStatement("UPDATE journeys SET tracks = tracks ||").getValue("entry");
        assertThat(entry).contains("\"addedAt\":\"2025-03-04T05:06:07.123456Z\"");
    }

    @Test
    void aDeletionRemovesTheRowAndIsReportedAsADeletion() throws Exception {
        handle(new JourneyDeletedEvent(journey), 9);

        SqlParameterSource row = lastStatement("DELETE FROM journeys WHERE id = :id");
        assertThat(row.getValue("id")).isEqualTo(journey.value());
        verify(tracker).deleted(journey, 9);
        verify(tracker, never()).projected(any(), anyLong());
    }

    @Test
    void waitersAreToldOnlyOnceTheTransactionHasCommitted() throws Exception {
        DomainEventMessage<?> event = message(new JourneyRenamedEvent(journey, "New title"), 4);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);

        projector.handle(event);
        verifyNoInteractions(tracker);
        unitOfWork.commit();

        verify(tracker).projected(journey, 4);
    }

    @Test
    void waitersAreNotToldOfAChangeThatWasRolledBack() throws Exception {
        DomainEventMessage<?> event = message(new JourneyDeletedEvent(journey), 4);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);

        projector.handle(event);
        unitOfWork.rollback();

        verifyNoInteractions(tracker);
    }

    @Test
    void outsideAUnitOfWorkWaitersAreToldAtOnce() throws Exception {
        handle(new JourneyUnsharedEvent(journey), 6);

        verify(tracker).projected(journey, 6);
    }

    private void handle(Object payload, long sequence) throws Exception {
        projector.handle(message(payload, sequence));
    }

    private DomainEventMessage<?> message(Object payload, long sequence) {
        return new GenericDomainEventMessage<>("Journey", journey.toString(), sequence, payload, Map.of(),
                UUID.randomUUID().toString(), AT);
    }

    private SqlParameterSource lastStatement(String expectedStart) {
        verify(jdbc, atLeastOnce()).update(sql.capture(), parameters.capture());
        assertThat(lastSql()).startsWith(expectedStart);
        return parameters.getValue();
    }

    private String lastSql() {
        return sql.getValue().strip();
    }
}
