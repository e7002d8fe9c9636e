package io.musicaljourney.app.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.query.journey.projection.JourneyProjector;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.EveryEventType;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A journeys processor that starts without tokens (its table emptied, its tokens deleted) folds the stored events in
 * chunks before it starts, into the very rows its event-by-event processing had written, and goes on from there; what
 * it cannot fold is left to the processor and its dead-letter queue.
 */
@TestPropertySource(properties = "journey.projection.catch-up.chunk-size=7")
class ProjectionCatchUpTest extends IntegrationTest {

    private static final String DUMP = """
            SELECT row_to_json(j)::text FROM journeys j
            WHERE j.id::text IN (SELECT aggregate_identifier FROM domain_event_entry)
            ORDER BY j.id
            """;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionCatchUp catchUp;

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
        List<String> before = jdbc.queryForList(DUMP, String.class);
        assertThat(String.join("\n", before)).contains(mine.get(0), mine.get(1), id);

        StreamingEventProcessor processor = journeysProcessor();
        processor.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", JourneyProjector.PROCESSING_GROUP);
        jdbc.execute("TRUNCATE journeys");
        long foldedBefore = catchUp.eventsFolded();
        long chunksBefore = catchUp.chunksCommitted();

        processor.start();

        assertThat(catchUp.eventsFolded() - foldedBefore).isEqualTo(events);
        assertThat(catchUp.chunksCommitted() - chunksBefore).isEqualTo((events + 6) / 7);
        assertThat(jdbc.queryForList(DUMP, String.class)).containsExactlyElementsOf(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class,
                JourneyProjector.PROCESSING_GROUP)).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(position()).isEqualTo(head));

        String after = api.post("/api/journeys", alice, JourneyRequests.create("After the catch-up")).json()
                .get("id").asText();
        assertThat(api.get("/api/journeys/" + after, alice).json().get("journey").get("title").asText())
                .isEqualTo("After the catch-up");
    }

    @Test
    void aChunkThatFailsLeavesTheRestToTheProcessorWhichParksTheFailingEvent() {
        String marker = "poison-" + UUID.randomUUID();
        String constraint = "test_catch_up_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String alice = newUser();
        String poisoned = api.post("/api/journeys", alice, JourneyRequests.create("Fine")).json().get("id").asText();
        String healthy = api.post("/api/journeys", alice, JourneyRequests.create("Healthy")).json().get("id").asText();
        ok(api.put("/api/journeys/" + poisoned + "/title", alice, Map.of("title", marker)));
        ok(api.post("/api/journeys/" + poisoned + "/visits", alice,
                JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID)));
        ok(api.post("/api/journeys/" + healthy + "/visits", alice,
                JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID)));
        long head = awaitProjectedUpToTheHead();
        String healthyRow = row(healthy);
        // The rename is the poison: its position in the stream decides which chunk fails.
        long before = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE global_index < (SELECT global_index
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%JourneyRenamedEvent')
                """, Long.class, poisoned);

        StreamingEventProcessor processor = journeysProcessor();
        processor.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", JourneyProjector.PROCESSING_GROUP);
        jdbc.execute("TRUNCATE journeys");
        jdbc.execute("ALTER TABLE journeys ADD CONSTRAINT " + constraint + " CHECK (title IS DISTINCT FROM '"
                + marker + "')");
        try {
            long foldedBefore = catchUp.eventsFolded();
            processor.start();

            // Every chunk before the failing one was committed; that one and the rest are the processor's.
            assertThat(catchUp.eventsFolded() - foldedBefore).isEqualTo(before / 7 * 7);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(position()).isEqualTo(head);
                assertThat(lettersOf(poisoned)).containsExactly("JourneyRenamedEvent", "NodeVisitedEvent");
            });
            assertThat(row(healthy)).isEqualTo(healthyRow);
            assertThat(api.get("/api/journeys/" + poisoned, alice).json().get("journey").get("title").asText())
                    .isEqualTo("Fine");

            // With letters parked, a processor without tokens folds everything itself: a parked journey's later
            // events must be parked too, which only its dead-letter queue knows.
            processor.shutDown();
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", JourneyProjector.PROCESSING_GROUP);
            jdbc.execute("TRUNCATE journeys");
            long foldedAgain = catchUp.eventsFolded();
            processor.start();
            assertThat(catchUp.eventsFolded()).isEqualTo(foldedAgain);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(position()).isEqualTo(head);
                assertThat(row(healthy)).isEqualTo(healthyRow);
            });
        } finally {
            jdbc.execute("ALTER TABLE journeys DROP CONSTRAINT IF EXISTS " + constraint);
        }
        // The other test needs a group without letters.
        ok(api.post("/admin/dead-letters/journeys/retry", ADMIN, Map.of()));
        assertThat(lettersOf(poisoned)).isEmpty();
        assertThat(api.get("/api/journeys/" + poisoned, alice).json().get("journey").get("title").asText())
                .isEqualTo(marker);
    }

    private StreamingEventProcessor journeysProcessor() {
        return processing.eventProcessor(JourneyProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private String row(String journey) {
        return jdbc.queryForObject("SELECT row_to_json(j)::text FROM journeys j WHERE id = ?::uuid", String.class,
                journey);
    }

    /** The event types parked for a journey, in their order, each once. */
    private List<String> lettersOf(String journey) {
        Response response = api.get("/admin/dead-letters?group=journeys", ADMIN);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        Set<String> events = new HashSet<>();
        response.json().get("deadLetters").forEach(letter -> {
            if (letter.get("sequenceIdentifier").asText().equals(journey)
                    && events.add(letter.get("eventIdentifier").asText())) {
                String type = letter.get("eventType").asText();
                types.add(type.substring(type.lastIndexOf('.') + 1));
            }
        });
        return types;
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 204);
    }

    /** Waits until the live processor has folded every stored event; returns the last event's position. */
    private long awaitProjectedUpToTheHead() {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(position()).isEqualTo(head));
        return head;
    }

    /** The journeys processor's position as the operators' status route reports it. */
    private long position() {
        for (JsonNode processor : api.get("/admin/projections", ADMIN).json().get("processors")) {
            if (processor.get("name").asText().equals(JourneyProjector.PROCESSING_GROUP)) {
                return processor.get("position").asLong();
            }
        }
        throw new AssertionError("No journeys processor in the status");
    }
}
