package io.musicaljourney.query.journey.projection;

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
import io.musicaljourney.support.IntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.musicaljourney.query.journey.projection.ProjectorFeed.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projector's batched path (a processor's batch, written folded at its commit) against its one-event path: the
 * same events give the same row, whatever the batch boundaries, redeliveries and other journeys in the batch.
 */
class BatchedProjectionTest extends IntegrationTest {

    private static final Instant STARTED = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final NodeId START = NodeId.of("mjc-robert-johnson");

    @Autowired
    private JourneyProjector projector;
    @Autowired
    private TransactionManager transactions;

    private ProjectorFeed oneByOne;
    private AnnotationEventHandlerAdapter handler;
    private final String owner = newUser();

    @BeforeEach
    void feeds() {
        oneByOne = new ProjectorFeed(projector, transactions);
        handler = new AnnotationEventHandlerAdapter(projector);
    }

    @Test
    void aBatchGivesTheRowThatEventsOneByOneGive() {
        JourneyId single = JourneyId.random();
        JourneyId batched = JourneyId.random();
        history(single, "Everything").forEach(oneByOne::project);
        inBatch(history(batched, "Everything"));

        assertThat(row(batched)).isEqualTo(row(single));
    }

    @Test
    void redeliveredAndOverlappingBatchesChangeNothing() {
        JourneyId single = JourneyId.random();
        JourneyId batched = JourneyId.random();
        List<DomainEventMessage<?>> reference = history(single, "Again");
        reference.forEach(oneByOne::project);
        List<DomainEventMessage<?>> events = history(batched, "Again");
        inBatch(events.subList(0, 6));
        // The same events again, then batches whose starts lie inside what the row already holds.
        inBatch(events.subList(0, 6));
        inBatch(events.subList(3, 9));
        inBatch(events.subList(2, events.size()));
        inBatch(events);

        assertThat(row(batched)).isEqualTo(row(single));
    }

    @Test
    void journeysSharingABatchKeepTheirOwnEventsInOrder() {
        Random random = new Random(5);
        List<JourneyId> singles = new ArrayList<>();
        List<JourneyId> batcheds = new ArrayList<>();
        List<List<DomainEventMessage<?>>> histories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JourneyId single = JourneyId.random();
            singles.add(single);
            history(single, "J" + i).forEach(oneByOne::project);
            JourneyId batched = JourneyId.random();
            batcheds.add(batched);
            histories.add(new ArrayList<>(history(batched, "J" + i)));
        }
        // Interleaved as concurrent commands would write them, cut into batches of random sizes.
        List<DomainEventMessage<?>> stream = new ArrayList<>();
        while (histories.stream().anyMatch(h -> !h.isEmpty())) {
            List<DomainEventMessage<?>> next = histories.get(random.nextInt(histories.size()));
            if (!next.isEmpty()) {
                stream.add(next.remove(0));
            }
        }
        for (int from = 0; from < stream.size(); ) {
            int to = Math.min(stream.size(), from + 1 + random.nextInt(12));
            inBatch(stream.subList(from, to));
            from = to;
        }

        for (int i = 0; i < singles.size(); i++) {
            assertThat(row(batcheds.get(i))).as("journey " + i).isEqualTo(row(singles.get(i)));
        }
    }

    @Test
    void aDeletionInABatchLeavesNoRow() {
        JourneyId journey = JourneyId.random();
        List<DomainEventMessage<?>> events = new ArrayList<>(history(journey, "Gone"));
        events.add(event(journey, events.size(), STARTED.plusSeconds(100), new JourneyDeletedEvent(journey)));
        inBatch(events);
        inBatch(events);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM journeys WHERE id = ?", Integer.class,
                journey.value())).isZero();
    }

    /** A processor's batch: one unit of work over all messages, the transaction committed at its end. */
    private void inBatch(List<? extends EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> handler.handle(unitOfWork.getMessage()));
        assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult())).isFalse();
    }

    /** Every kind of change, with runs of appends between the others. */
    private List<DomainEventMessage<?>> history(JourneyId journey, String title) {
        List<Object> payloads = new ArrayList<>();
        payloads.add(new JourneyStartedEvent(journey, UserId.of(owner), title,
                new NodeRef(START, NodeType.ARTIST, "Robert Johnson")));
        payloads.add(visit(journey, "a"));
        payloads.add(visit(journey, "b"));
        payloads.add(track(journey, "x", "a"));
        payloads.add(visit(journey, "c"));
        payloads.add(new NodeVisitRemovedEvent(journey, NodeId.of("a")));
        payloads.add(track(journey, "y", "b"));
        payloads.add(new TrackRemovedEvent(journey, TrackId.of("x")));
        payloads.add(new NarrativeRecordedEvent(journey, new UUID(7, journey.value().getLeastSignificantBits()),
                START, NodeId.of("b"), PathwayType.LEGACY, "A story."));
        payloads.add(new JourneyRenamedEvent(journey, title + " renamed"));
        payloads.add(visit(journey, "d"));
        payloads.add(new JourneyGraphSavedEvent(journey, Map.of("nodes", List.of(), "edges", List.of())));
        payloads.add(new JourneySharedEvent(journey, ShareToken.of("t-" + journey.value())));
        payloads.add(track(journey, "z", "d"));
        payloads.add(visit(journey, "e"));
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            events.add(event(journey, sequence, STARTED.plusSeconds(sequence), payloads.get(sequence)));
        }
        return events;
    }

    private static NodeVisitedEvent visit(JourneyId journey, String nodeId) {
        return new NodeVisitedEvent(journey, new NodeRef(NodeId.of(nodeId), NodeType.ARTIST, "Artist " + nodeId),
                PathwayType.INFLUENCES, START, null, Map.of("extra", nodeId));
    }

    private static TrackAddedEvent track(JourneyId journey, String trackId, String fromNodeId) {
        return new TrackAddedEvent(journey, new TrackRef(TrackId.of(trackId), "Track " + trackId, "Artist", "Album",
                null), NodeId.of(fromNodeId), Map.of());
    }

    /** Everything but what names the journey: its id, share token and narratives' ids. */
    private Map<String, Object> row(JourneyId journey) {
        return jdbc.queryForMap("""
                SELECT user_id, title, starting_node_id, nodes_visited::text AS nodes, tracks::text AS tracks,
                       regexp_replace(narratives::text, '"id": "[^"]*"', '') AS narratives, graph::text AS graph,
                       is_public, share_token IS NOT NULL AS has_token, created_at, updated_at, version
                FROM journeys WHERE id = ?""", journey.value());
    }
}
