package io.musicaljourney.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.DeadLetters;
import io.musicaljourney.support.DeadLetters.PoisonedTitle;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.ProjectionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.support.Api.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event: the projector's statement fails for it (a check constraint the test adds to the live table, for
 * one marker title only). The event goes to the journeys group's dead-letter queue, the journey's later events are
 * parked behind it, other journeys go on; once the cause is fixed, a retry brings the row up to date.
 */
class DeadLetterQueueTest extends IntegrationTest {

    @Test
    void aFailingEventIsParkedWithItsJourneysLaterEventsAndCatchesUpOnRetry() {
        PoisonedTitle poison = PoisonedTitle.named("poison");
        String marker = poison.marker();
        String alice = newUser();
        String poisoned = api.post("/api/journeys", alice, JourneyRequests.create("Fine")).json().get("id").asText();
        String healthy = api.post("/api/journeys", alice, JourneyRequests.create("Healthy")).json().get("id").asText();
        poison.install(jdbc);
        try {
            ok(api.put("/api/journeys/" + poisoned + "/title", alice, Map.of("title", marker)));
            ok(api.post("/api/journeys/" + poisoned + "/visits", alice,
                    JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID)));
            ok(api.post("/api/journeys/" + healthy + "/visits", alice,
                    JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID)));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<JsonNode> letters = lettersOf(poisoned);
                assertThat(letters).hasSize(2);
                assertThat(letters.get(0).get("processingGroup").asText()).isEqualTo("journeys");
                assertThat(letters.get(0).get("eventType").asText()).endsWith("JourneyRenamedEvent");
                assertThat(letters.get(0).get("causeMessage").asText()).contains(poison.constraint());
                assertThat(letters.get(0).get("enqueuedAt").asText()).isNotBlank();
                assertThat(letters.get(1).get("eventType").asText()).endsWith("NodeVisitedEvent");
                assertThat(letters.get(1).get("sequenceIndex").asLong())
                        .isGreaterThan(letters.get(0).get("sequenceIndex").asLong());
            });
            // The poisoned journey stands still; the other one moves on; the processor is not in error.
            JsonNode stuck = api.get("/api/journeys/" + poisoned, alice).json().get("journey");
            assertThat(stuck.get("title").asText()).isEqualTo("Fine");
            assertThat(stuck.get("nodes_visited")).isEmpty();
            assertThat(api.get("/api/journeys/" + healthy, alice).json().get("journey").get("nodes_visited"))
                    .hasSize(1);
            JsonNode health = api.get("/actuator/health", null).json().get("components").get("eventProcessors");
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("details").get("journeys").get("deadLetters").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(api.get("/actuator/prometheus", null).text())
                    .containsPattern("journey_projection_dead_letters\\{[^}]*processing_group=\"journeys\"[^}]*} [1-9]");
            JsonNode journeys = ProjectionStatus.processor(api.get("/admin/projections", ADMIN).json(),
                    "journeys");
            assertThat(journeys.get("deadLetters").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(journeys.get("errors")).isEmpty();

            // Still broken: a retry leaves the sequence where it is.
            Response failedAgain = api.post("/admin/dead-letters/journeys/retry", ADMIN, Map.of());
            assertThat(failedAgain.status()).as(failedAgain.toString()).isEqualTo(200);
            assertThat(lettersOf(poisoned)).hasSize(2);
        } finally {
            poison.remove(jdbc);
        }

        Response retried = api.post("/admin/dead-letters/journeys/retry", ADMIN, Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("sequencesProcessed").asLong()).isPositive();
        assertThat(lettersOf(poisoned)).isEmpty();
        JsonNode fixed = api.get("/api/journeys/" + poisoned, alice).json().get("journey");
        assertThat(fixed.get("title").asText()).isEqualTo(marker);
        assertThat(fixed.get("nodes_visited")).hasSize(1);
        assertThat(fixed.get("version").asLong()).isEqualTo(2);

        // Later events of the journey are no longer parked.
        ok(api.post("/api/journeys/" + poisoned + "/visits", alice,
                JourneyRequests.visit("charley-patton", "Charley Patton", "son-house")));
        assertThat(api.get("/api/journeys/" + poisoned, alice).json().get("journey").get("nodes_visited"))
                .hasSize(2);
        assertThat(lettersOf(poisoned)).isEmpty();
    }

    @Test
    void anOperatorEvictsAParkedSequence() {
        PoisonedTitle poison = PoisonedTitle.named("evict");
        String marker = poison.marker();
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Fine")).json().get("id").asText();
        poison.install(jdbc);
        try {
            ok(api.put("/api/journeys/" + id + "/title", alice, Map.of("title", marker)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lettersOf(id)).hasSize(1));
        } finally {
            poison.remove(jdbc);
        }
        assertThat(api.delete("/admin/dead-letters/nothing/" + id, ADMIN).status()).isEqualTo(404);
        Response evicted = api.delete("/admin/dead-letters/journeys/" + id, ADMIN);
        assertThat(evicted.status()).as(evicted.toString()).isEqualTo(200);
        assertThat(evicted.json().get("evicted").asInt()).isEqualTo(1);
        assertThat(lettersOf(id)).isEmpty();
        assertThat(api.delete("/admin/dead-letters/journeys/" + id, ADMIN).status()).isEqualTo(404);
        assertThat(api.get("/api/journeys/" + id, alice).json().get("journey").get("title").asText())
                .isEqualTo("Fine");
        // Gone from the read model for good: delete it, so that a rebuild (which would apply it) finds no row
        // that differs.
        ok(api.delete("/api/journeys/" + id, alice));
    }

    private List<JsonNode> lettersOf(String journey) {
        return DeadLetters.lettersOf(api, ADMIN, journey);
    }
}
