package io.musicaljourney.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code If-Match} under contention: commands racing for one journey version; exactly the winners are kept. */
class OptimisticConcurrencyTest extends IntegrationTest {

    private static final int ROUNDS = 20;
    private static final int CONCURRENT = 50;

    @Test
    void fiftyConcurrentCommandsWithIfMatchLoseAndDuplicateNothing() throws Exception {
        int applied = 0;
        int preconditionFailed = 0;
        int conflicts = 0;
        int lost = 0;
        int duplicated = 0;
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String alice = newUser();
                String id = api.post("/api/journeys", alice, JourneyRequests.create("Contended " + round))
                        .json().get("id").asText();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Attempt>> attempts = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    String node = "node-" + i;
                    attempts.add(pool.submit(() -> {
                        go.await();
                        // Each command carries the version its sender last read, as an editor would.
                        String seen = api.get("/api/journeys/" + id, alice).header("ETag");
                        Response visit = api.send("POST", "/api/journeys/" + id + "/visits", alice,
                                JourneyRequests.visit(node, "Node " + node, START_ID), Map.of("If-Match", seen));
                        return new Attempt(node, visit);
                    }));
                }
                go.countDown();

                Map<String, Long> appliedVersions = new LinkedHashMap<>();
                for (Future<Attempt> future : attempts) {
                    Attempt attempt = future.get();
                    int status = attempt.response().status();
                    assertThat(status).as(attempt.response().toString()).isIn(200, 409, 412);
                    assertThat(attempt.response().header("Content-Type")).isNotNull();
                    if (status == 200) {
                        appliedVersions.put(attempt.node(), attempt.response().json().get("version").asLong());
                    } else if (status == 412) {
                        preconditionFailed++;
                    } else {
                        conflicts++;
                    }
                }
                applied += appliedVersions.size();

                List<Map<String, Object>> events = jdbc.queryForList("SELECT sequence_number, payload_type, "
                        + "convert_from(payload, 'UTF8') AS payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number", id);
                for (int i = 0; i < events.size(); i++) {
                    assertThat(((Number) events.get(i).get("sequence_number")).longValue()).isEqualTo(i);
                }
                Map<String, Long> storedVersions = new LinkedHashMap<>();
                for (Map<String, Object> event : events) {
                    if (event.get("payload_type").toString().endsWith("NodeVisitedEvent")) {
                        String node = nodeIn(event.get("payload").toString());
                        if (storedVersions.put(node, ((Number) event.get("sequence_number")).longValue()) != null) {
                            duplicated++;
                        }
                    }
                }
                for (Map.Entry<String, Long> winner : appliedVersions.entrySet()) {
                    if (!winner.getValue().equals(storedVersions.get(winner.getKey()))) {
                        lost++;
                    }
                }
                Set<String> unexplained = new HashSet<>(storedVersions.keySet());
                unexplained.removeAll(appliedVersions.keySet());
                duplicated += unexplained.size();

                long last = events.size() - 1;
                JsonNode projected = api.get("/api/journeys/" + id, alice).json().get("journey");
                JsonNode folded = api.get("/api/journeys/" + id + "/as-of?version=" + last, alice)
                        .json().get("journey");
                assertThat(projected.get("version").asLong()).isEqualTo(last);
                assertThat(projected).isEqualTo(folded);
                assertThat(projected.get("nodes_visited")).hasSize(appliedVersions.size());
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("Optimistic concurrency: %d rounds x %d commands: %d applied, %d answered 412, "
                        + "%d answered 409, %d lost, %d duplicated%n", ROUNDS, CONCURRENT, applied,
                preconditionFailed, conflicts, lost, duplicated);
        assertThat(applied + preconditionFailed + conflicts).isEqualTo(ROUNDS * CONCURRENT);
        assertThat(applied).isGreaterThanOrEqualTo(ROUNDS);
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
    }

    @Test
    void everyCommandRouteRefusesAStaleIfMatchAndChangesNothing() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Guarded")).json().get("id").asText();
        api.post("/api/journeys/" + id + "/visits", alice, JourneyRequests.visit("mjc-son-house", "Son House",
                START_ID));
        api.post("/api/journeys/" + id + "/tracks", alice, JourneyRequests.track("1hKdDCpiI9mqz1jVHRKG0E",
                "Cross Road Blues", START_ID));
        api.post("/api/journeys/" + id + "/share", alice, null);
        String stale = "\"1\"";
        String journey = "/api/journeys/" + id;
        List<Object[]> routes = List.of(
                new Object[]{"PATCH", journey, Map.of("title", "x")},
                new Object[]{"PUT", journey, Map.of("title", "x")},
                new Object[]{"DELETE", journey, null},
                new Object[]{"POST", journey + "/visits", JourneyRequests.visit("mjc-muddy-waters", "Muddy Waters",
                        START_ID)},
                new Object[]{"POST", journey + "/tracks", JourneyRequests.track("3ZE3wv8V3w2T2f7nOCjP0N", "Walking Blues",
                        START_ID)},
                new Object[]{"DELETE", journey + "/tracks/1hKdDCpiI9mqz1jVHRKG0E", null},
                new Object[]{"POST", journey + "/narratives", Map.of("fromNodeId", START_ID, "toNodeId",
                        "mjc-son-house", "pathwayType", "influences", "narrative", "x")},
                new Object[]{"PUT", journey + "/title", Map.of("title", "x")},
                new Object[]{"PUT", journey + "/graph", Map.of("graph", Map.of("nodes", List.of()))},
                new Object[]{"POST", journey + "/share", null},
                new Object[]{"POST", journey + "/share/rotate", null},
                new Object[]{"DELETE", journey + "/share", null});
        DatabaseFingerprint database = new DatabaseFingerprint(jdbc);
        String before = database.settled();

        for (Object[] route : routes) {
            Response response = api.send((String) route[0], (String) route[1], alice, route[2],
                    Map.of("If-Match", stale));
            assertThat(response.status()).as(route[0] + " " + route[1] + ": " + response).isEqualTo(412);
            assertThat(response.json().get("error").asText()).contains("changed since version 1");
        }

        assertThat(database.take()).isEqualTo(before);
    }

    private static String nodeIn(String payload) {
        int at = payload.indexOf("\"node-");
        return payload.substring(at + 1, payload.indexOf('"', at + 1));
    }

    private record Attempt(String node, Response response) {
    }
}
