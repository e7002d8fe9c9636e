package io.musicaljourney.reliability;

import io.musicaljourney.support.Api;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.ServiceInstances;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on the POST command routes: a retried request is answered, never executed, twice. */
class IdempotencyKeysTest extends IntegrationTest {

    private static final Map<String, Object> NARRATIVE = Map.of("fromNodeId", START_ID, "toNodeId", START_ID,
            "pathwayType", "influences", "narrative", "Where it all began.");

    @Test
    void theSameKeyAgainAnswersTheFirstResultAndAppendsNothing() {
        String alice = newUser();
        String id = start(alice);
        String key = UUID.randomUUID().toString();

        Response first = narrate(api, alice, id, key, NARRATIVE);
        Response again = narrate(api, alice, id, key, NARRATIVE);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void aJourneyCreatedWithAKeyIsCreatedOnceHoweverOftenTheRequestIsSent() {
        String alice = newUser();
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Idempotency-Key", key);

        Response first = api.send("POST", "/api/journeys", alice, JourneyRequests.create("Once"), headers);
        Response second = api.send("POST", "/api/journeys", alice, JourneyRequests.create("Once"), headers);
        Response third = api.send("POST", "/api/journeys", alice, JourneyRequests.create("Once"), headers);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(third.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(api.get("/api/journeys", alice).json().get("journeys")).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndAppendsNothing() {
        String alice = newUser();
        String id = start(alice);
        String key = UUID.randomUUID().toString();
        narrate(api, alice, id, key, NARRATIVE);

        Response other = narrate(api, alice, id, key, Map.of("fromNodeId", START_ID, "toNodeId", START_ID,
                "pathwayType", "legacy", "narrative", "Another story."));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.json().get("error").asText()).contains("Idempotency-Key")
                .contains("different request");
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void theSameKeyOnAnotherRouteIsAnotherRequest() {
        String alice = newUser();
        String id = start(alice);
        String key = UUID.randomUUID().toString();
        narrate(api, alice, id, key, NARRATIVE);

        Response share = api.send("POST", "/api/journeys/" + id + "/share", alice, null,
                Map.of("Idempotency-Key", key));

        assertThat(share.status()).isEqualTo(422);
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void keysBelongToTheirUser() {
        String alice = newUser();
        String bob = newUser();
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Idempotency-Key", key);

        Response alices = api.send("POST", "/api/journeys", alice, JourneyRequests.create("Mine"), headers);
        Response bobs = api.send("POST", "/api/journeys", bob, JourneyRequests.create("Mine"), headers);

        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
        assertThat(bobs.json().get("id").asText()).isNotEqualTo(alices.json().get("id").asText());
    }

    @Test
    void aKeyIsKeptForTwentyFourHoursAndForgottenAfterwards() {
        String alice = newUser();
        String id = start(alice);
        String key = UUID.randomUUID().toString();
        narrate(api, alice, id, key, NARRATIVE);
        Double hoursKept = jdbc.queryForObject("SELECT extract(epoch FROM expires_at - created_at) / 3600 "
                + "FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?", Double.class, alice, key);
        assertThat(hoursKept).isEqualTo(24.0);

        jdbc.update("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' "
                + "WHERE user_id = ? AND idempotency_key = ?", alice, key);
        Response afterExpiry = narrate(api, alice, id, key, NARRATIVE);

        assertThat(afterExpiry.status()).isEqualTo(200);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(afterExpiry.json().get("version").asLong()).isEqualTo(2);
        assertThat(eventsOf(id)).isEqualTo(3);
    }

    @Test
    void aRefusalIsRememberedButAConflictIsNot() {
        String alice = newUser();
        String id = start(alice);
        String key = UUID.randomUUID().toString();
        Map<String, Object> unknownNode = Map.of("fromNodeId", START_ID, "toNodeId", "nowhere",
                "pathwayType", "influences", "narrative", "x");

        Response refused = narrate(api, alice, id, key, unknownNode);
        Response again = narrate(api, alice, id, key, unknownNode);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        String staleKey = UUID.randomUUID().toString();
        Response stale = api.send("POST", "/api/journeys/" + id + "/narratives", alice, NARRATIVE,
                Map.of("Idempotency-Key", staleKey, "If-Match", "\"5\""));
        assertThat(stale.status()).isEqualTo(412);
        Integer kept = jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE user_id = ? "
                + "AND idempotency_key = ? AND state = 'completed'", Integer.class, alice, staleKey);
        assertThat(kept).isEqualTo(1);
    }

    @Test
    void identicalRequestsSentAtOnceExecuteOnce() throws Exception {
        int concurrent = 8;
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            for (int round = 0; round < 5; round++) {
                String alice = newUser();
                String id = start(alice);
                String key = UUID.randomUUID().toString();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < concurrent; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return narrate(api, alice, id, key, NARRATIVE);
                    }));
                }
                go.countDown();
                List<Response> responses = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    responses.add(answer.get());
                }

                List<Response> applied = responses.stream().filter(r -> r.status() == 200).toList();
                assertThat(applied).isNotEmpty();
                assertThat(applied).allSatisfy(r -> assertThat(r.text()).isEqualTo(applied.get(0).text()));
                assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(200, 409));
                responses.stream().filter(r -> r.status() == 409).forEach(r -> {
                    assertThat(r.json().get("error").asText()).contains("in progress");
                    assertThat(r.header("Retry-After")).isEqualTo("1");
                });
                assertThat(eventsOf(id)).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyUsedOnOneInstanceIsReplayedByAnother() {
        ConfigurableApplicationContext other = ServiceInstances.start(databaseUrl,
                "journey.events.safety-poll-interval=200ms");
        try {
            Api otherInstance = new Api(ServiceInstances.baseUrl(other));
            String alice = newUser();
            String id = start(alice);
            String key = UUID.randomUUID().toString();

            Response here = narrate(api, alice, id, key, NARRATIVE);
            Response there = narrate(otherInstance, alice, id, key, NARRATIVE);

            assertThat(there.status()).isEqualTo(200);
            assertThat(there.text()).isEqualTo(here.text());
            assertThat(there.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(eventsOf(id)).isEqualTo(2);
        } finally {
            other.close();
        }
    }

    @Test
    void theOpenApiDescriptionOffersTheKeyOnEveryPostCommand() {
        com.fasterxml.jackson.databind.JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        List<String> posts = List.of("/api/journeys", "/api/journeys/{id}/visits", "/api/journeys/{id}/tracks",
                "/api/journeys/{id}/narratives", "/api/journeys/{id}/share", "/api/journeys/{id}/share/rotate",
                "/api/spotify/create-playlist");

        for (String path : posts) {
            List<String> headers = new ArrayList<>();
            paths.path(path).path("post").path("parameters").forEach(parameter -> {
                if ("header".equals(parameter.path("in").asText())) {
                    headers.add(parameter.path("name").asText());
                }
            });
            assertThat(headers).as(path).contains("Idempotency-Key");
        }
    }

    private static Response narrate(Api client, String user, String id, String key, Map<String, Object> body) {
        return client.send("POST", "/api/journeys/" + id + "/narratives", user, body,
                Map.of("Idempotency-Key", key));
    }

    private String start(String user) {
        return api.post("/api/journeys", user, JourneyRequests.create("Idempotent")).json().get("id").asText();
    }

    private int eventsOf(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, id);
    }
}
