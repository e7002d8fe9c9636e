package io.musicaljourney.app.eventstore;

import io.musicaljourney.query.journey.projection.JourneyProjector;
import io.musicaljourney.support.DeadLetters;
import io.musicaljourney.support.DeadLetters.PoisonedTitle;
import io.musicaljourney.support.EveryEventType;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.JourneyRows;
import io.musicaljourney.support.ProjectionStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.support.Api.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A journeys processor that starts without tokens (its table emptied, its tokens deleted) folds the stored events in
 * chunks before it starts, into the very rows its event-by-event processing had written, and goes on from there; what
 * it cannot fold is left to the processor and its dead-letter queue.
 */
@TestPropertySource(properties = "journey.projection.catch-up.chunk-size=7")
class ProjectionCatchUpTest extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionCatchUp catchUp;

    @Value("${axon.eventhandling.processors.journeys.initial-segment-count}")
    private int initialSegments;

    @Test
    void aProcessorWithoutTokensFoldsTheStoredEventsInChunksIntoTheRowsItHadWritten() {
        List<String> mine = EveryEventType.journeys(api, jdbc);
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Long")).json().get("id").asText();
        String previous = JourneyRequests.START_ID;
        for (int i = 0; i < 20; i++) {
            api.post("/api/journeys/" + id + "/visits", alice, JourneyRequests.visit("node-" + i, "Node " + i, previous));
            previous = "node-" + i;
        }
        long head = awaitProjectedUpToTheHead();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        List<String> before = JourneyRows.all(jdbc);
        assertThat(String.join("\n", before)).contains(mine.get(0), mine.get(1), id);

        StreamingEventProcessor processor = stoppedWithoutTokensOrRows();
        long foldedBefore = catchUp.eventsFolded();
        long chunksBefore = catchUp.chunksCommitted();

        processor.start();

        assertThat(catchUp.eventsFolded() - foldedBefore).isEqualTo(events);
        assertThat(catchUp.chunksCommitted() - chunksBefore).isEqualTo((events + 6) / 7);
        assertThat(JourneyRows.all(jdbc)).containsExactlyElementsOf(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class,
                JourneyProjector.PROCESSING_GROUP)).isEqualTo(initialSegments);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(position()).isEqualTo(head));

        String after = api.post("/api/journeys", alice, JourneyRequests.create("After the catch-up")).json()
                .get("id").asText();
        assertThat(api.get("/api/journeys/" + after, alice).json().get("journey").get("title").asText())
                .isEqualTo("After the catch-up");
    }

    @Test
    void aChunkThatFailsLeavesTheRestToTheProcessorWhichParksTheFailingEvent() {
        PoisonedTitle poison = PoisonedTitle.named("catch_up");
        String alice = newUser();
        String poisoned = api.post("/api/journeys", alice, JourneyRequests.create("Fine")).json().get("id").asText();
        String healthy = api.post("/api/journeys", alice, JourneyRequests.create("Healthy")).json().get("id").asText();
        ok(api.put("/api/journeys/" + poisoned + "/title", alice, Map.of("title", poison.marker())));
        ok(api.post("/api/journeys/" + poisoned + "/visits", alice,
                JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID)));
        ok(api.post("/api/journeys/" + healthy + "/visits", alice,
                JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID)));
        long head = awaitProjectedUpToTheHead();
        String healthyRow = JourneyRows.of(jdbc, healthy);
        // The rename is the poison: its position in the stream decides which chunk fails.
        long before = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE global_index < (SELECT global_index
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%JourneyRenamedEvent')
                """, Long.class, poisoned);

        StreamingEventProcessor processor = stoppedWithoutTokensOrRows();
        poison.install(jdbc);
        try {
            long foldedBefore = catchUp.eventsFolded();
            processor.start();

            // Every chunk before the failing one was committed; that one and the rest are the processor's.
            assertThat(catchUp.eventsFolded() - foldedBefore).isEqualTo(before / 7 * 7);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(position()).isEqualTo(head);
                assertThat(lettersOf(poisoned)).containsExactly("JourneyRenamedEvent", "NodeVisitedEvent");
            });
            assertThat(JourneyRows.of(jdbc, healthy)).isEqualTo(healthyRow);
            assertThat(api.get("/api/journeys/" + poisoned, alice).json().get("journey").get("title").asText())
                    .isEqualTo("Fine");

            // With letters parked, a processor without tokens folds everything itself: a parked journey's later
            // events must be parked too, which only its dead-letter queue knows.
            stoppedWithoutTokensOrRows();
            long foldedAgain = catchUp.eventsFolded();
            processor.start();
            assertThat(catchUp.eventsFolded()).isEqualTo(foldedAgain);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(position()).isEqualTo(head);
                assertThat(JourneyRows.of(jdbc, healthy)).isEqualTo(healthyRow);
            });
        } finally {
            poison.remove(jdbc);
        }
        // The other test needs a group without letters.
        ok(api.post("/admin/dead-letters/journeys/retry", ADMIN, Map.of()));
        assertThat(lettersOf(poisoned)).isEmpty();
        assertThat(api.get("/api/journeys/" + poisoned, alice).json().get("journey").get("title").asText())
                .isEqualTo(poison.marker());
    }

    /** The journeys processor stopped, its tokens deleted and its table emptied: a rebuild from scratch. */
    private StreamingEventProcessor stoppedWithoutTokensOrRows() {
        StreamingEventProcessor processor = processing.eventProcessor(JourneyProjector.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", JourneyProjector.PROCESSING_GROUP);
        jdbc.execute("TRUNCATE journeys");
        return processor;
    }

    /** The event types parked for a journey, in their order, each once. */
    private List<String> lettersOf(String journey) {
        return DeadLetters.lettersOf(api, ADMIN, journey).stream().map(letter -> letter.get("eventType").asText())
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** Waits until the live processor has folded every stored event; returns the last event's position. */
    private long awaitProjectedUpToTheHead() {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(position()).isEqualTo(head));
        return head;
    }

    /** The journeys processor's position as the operators' status route reports it. */
    private long position() {
        return ProjectionStatus.processor(api.get("/admin/projections", ADMIN).json(),
                JourneyProjector.PROCESSING_GROUP).get("position").asLong();
    }
}
