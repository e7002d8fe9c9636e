package io.musicaljourney.query.history.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.musicaljourney.common.UserId;
import io.musicaljourney.history.query.FetchJourneyAsOfQuery;
import io.musicaljourney.history.query.FetchJourneyHistoryQuery;
import io.musicaljourney.history.query.FetchSharedJourneyReplayQuery;
import io.musicaljourney.history.query.HistoryEvent;
import io.musicaljourney.history.query.JourneyAsOf;
import io.musicaljourney.history.query.JourneyHistory;
import io.musicaljourney.history.query.ReplayStep;
import io.musicaljourney.history.query.SharedJourneyReplay;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.sharing.ShareToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Paging, ownership and the replay's filter over Axon's in-memory event store; the SQL (the token lookup and the
 * JSONB rendering) is stubbed here and runs against PostgreSQL in the app module's tests.
 */
class JourneyHistoryQueryHandlerTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final NamedParameterJdbcTemplate jdbc = mock(NamedParameterJdbcTemplate.class);
    private final JourneyHistoryQueryHandler handler = new JourneyHistoryQueryHandler(eventStore, jdbc,
            new ObjectMapper().registerModule(new JavaTimeModule()));
    private final JourneyId journey = JourneyId.random();

    @AfterEach
    void shutDown() {
        ((EmbeddedEventStore) eventStore).shutDown();
    }

    @Test
    void pagesFollowEachOtherByCursorAndTheLastHasNone() {
        store(7);

        JourneyHistory first = handler.handle(new FetchJourneyHistoryQuery(journey, ALICE, -1, 3));
        JourneyHistory second = handler.handle(new FetchJourneyHistoryQuery(journey, ALICE, first.nextCursor(), 3));
        JourneyHistory third = handler.handle(new FetchJourneyHistoryQuery(journey, ALICE, second.nextCursor(), 3));

        assertThat(first.events()).extracting(HistoryEvent::sequence).containsExactly(0L, 1L, 2L);
        assertThat(second.events()).extracting(HistoryEvent::sequence).containsExactly(3L, 4L, 5L);
        assertThat(third.events()).extracting(HistoryEvent::sequence).containsExactly(6L);
        assertThat(third.nextCursor()).isNull();
        HistoryEvent visit = second.events().get(0);
        assertThat(visit.type()).isEqualTo("NodeVisited");
        assertThat(visit.revision()).isEqualTo("2");
        assertThat(visit.time()).isEqualTo(T0.plusSeconds(3));
        assertThat(visit.actingUser()).isEqualTo("alice");
        assertThat(visit.requestId()).isEqualTo("request-3");
        assertThat(visit.payload()).contains("\"node\":{\"id\":\"node-3\"");
    }

    @Test
    void somebodyElseAndAnUnknownJourneyGetNothingOnAnyPage() {
        store(3);

        assertThat(handler.handle(new FetchJourneyHistoryQuery(journey, BOB, -1, 10))).isNull();
        assertThat(handler.handle(new FetchJourneyHistoryQuery(journey, BOB, 1, 10))).isNull();
        assertThat(handler.handle(new FetchJourneyHistoryQuery(JourneyId.random(), ALICE, -1, 10))).isNull();
        assertThat(handler.handle(new FetchJourneyHistoryQuery(JourneyId.random(), ALICE, 4, 10))).isNull();
        assertThat(handler.handle(FetchJourneyAsOfQuery.atVersion(journey, BOB, 0)).outcome())
                .isEqualTo(JourneyAsOf.Outcome.UNKNOWN_JOURNEY);
    }

    @Test
    void asOfAVersionBeyondTheLastIsNoSuchVersionAndATimeBeforeTheStartDidNotExist() {
        store(3);
        when(jdbc.queryForMap(anyString(), any(SqlParameterSource.class))).thenAnswer(call -> {
            SqlParameterSource folded = call.getArgument(1);
            return Map.of("nodes_visited", folded.getValue("nodesVisited"), "tracks", folded.getValue("tracks"),
                    "narratives", folded.getValue("narratives"), "graph", folded.getValue("graph"));
        });

        JourneyAsOf atOne = handler.handle(FetchJourneyAsOfQuery.atVersion(journey, ALICE, 1));
        JourneyAsOf atTime = handler.handle(FetchJourneyAsOfQuery.atTime(journey, ALICE, T0.plusMillis(2500)));

        assertThat(atOne.outcome()).isEqualTo(JourneyAsOf.Outcome.FOUND);
        assertThat(atOne.journey().version()).isEqualTo(1);
        assertThat(atOne.journey().nodesVisited()).contains("node-1").doesNotContain("node-2");
        assertThat(atTime.journey().version()).isEqualTo(2);
        assertThat(handler.handle(FetchJourneyAsOfQuery.atVersion(journey, ALICE, 3)).outcome())
                .isEqualTo(JourneyAsOf.Outcome.NO_SUCH_VERSION);
        assertThat(handler.handle(FetchJourneyAsOfQuery.atTime(journey, ALICE, T0.minusMillis(1))).outcome())
                .isEqualTo(JourneyAsOf.Outcome.DID_NOT_EXIST);
    }

    @Test
    void theReplayShowsOnlyVisitsTracksAndNarrativesAndPagesPastHiddenEvents() {
        store(3);
        append(3, new JourneyRenamedEvent(journey, "hidden"));
        append(4, visited(4));
        when(jdbc.queryForList(anyString(), any(SqlParameterSource.class), eq(UUID.class)))
                .thenReturn(List.of(journey.value()));

        SharedJourneyReplay first = handler.handle(new FetchSharedJourneyReplayQuery(ShareToken.of("t"), -1, 2));
        SharedJourneyReplay second = handler.handle(
                new FetchSharedJourneyReplayQuery(ShareToken.of("t"), first.nextCursor(), 2));

        assertThat(first.steps()).extracting(ReplayStep::type).containsExactly("NodeVisited", "NodeVisited");
        assertThat(first.steps()).extracting(ReplayStep::payload).noneMatch(payload -> payload.contains("alice"));
        assertThat(second.steps()).extracting(ReplayStep::type).containsExactly("NodeVisited");
        assertThat(second.steps().get(0).payload()).contains("node-4");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void anUnknownTokenHasNoReplay() {
        when(jdbc.queryForList(anyString(), any(SqlParameterSource.class), eq(UUID.class))).thenReturn(List.of());

        assertThat(handler.handle(new FetchSharedJourneyReplayQuery(ShareToken.of("nope"), -1, 10))).isNull();
    }

    /** The start and then {@code count - 1} visits, one second apart. */
    private void store(int count) {
        append(0, new JourneyStartedEvent(journey, ALICE, "Blues roots",
                new NodeRef(NodeId.of("start"), NodeType.ARTIST, "Start")));
        for (int sequence = 1; sequence < count; sequence++) {
            append(sequence, visited(sequence));
        }
    }

    private NodeVisitedEvent visited(int sequence) {
        return new NodeVisitedEvent(journey, new NodeRef(NodeId.of("node-" + sequence), NodeType.ARTIST, "Node"),
                PathwayType.INFLUENCES, NodeId.of("start"), null, Map.of());
    }

    private void append(long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Journey", journey.asString(), sequence, payload,
                MetaData.with("userId", "alice").and("requestId", "request-" + sequence),
                UUID.randomUUID().toString(), T0.plusSeconds(sequence)));
    }
}
