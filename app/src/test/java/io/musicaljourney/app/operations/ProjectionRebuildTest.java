package io.musicaljourney.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.EveryEventType;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.JourneyRows;
import io.musicaljourney.support.ProjectionStatus;
import io.musicaljourney.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the journeys projection through the operators' routes, against the real application: a shadow table
 * built by a second processor while the live table serves, a switch without losing or repeating an event.
 */
class ProjectionRebuildTest extends IntegrationTest {

    @Test
    void onlyAdminsSeeTheOperatorsRoutesEveryoneElseGetsAnUnknownPath() {
        String user = newUser();
        Response unknown = api.get("/admin/no-such-route", user);
        for (Response response : List.of(api.get("/admin/projections", user),
                api.post("/admin/projections/journeys/rebuild", user, Map.of()),
                api.get("/admin/projections", null),
                api.get("/admin/dead-letters", user),
                api.post("/admin/dead-letters/journeys/retry", user, Map.of()),
                api.delete("/admin/dead-letters/journeys/x", user),
                api.delete("/admin/projections", ADMIN),
                api.get("/admin/projections/journeys/rebuild", ADMIN))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.json().get("error").asText()).isEqualTo(unknown.json().get("error").asText());
        }
        assertThat(api.post("/admin/projections/nothing/rebuild", ADMIN, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/admin/projections", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void theStatusShowsEachProcessorsPositionHeadAndLag() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Status")).json().get("id").asText();
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode status = api.get("/admin/projections", ADMIN).json();
            assertThat(status.get("head").asLong()).isGreaterThanOrEqualTo(head);
            JsonNode journeys = ProjectionStatus.processor(status, "journeys");
            assertThat(journeys.get("runningHere").asBoolean()).isTrue();
            assertThat(journeys.get("lag").asLong()).isZero();
            assertThat(journeys.get("position").asLong()).isEqualTo(status.get("head").asLong());
            assertThat(journeys.get("replaying").asBoolean()).isFalse();
            assertThat(journeys.get("errors")).isEmpty();
            assertThat(journeys.get("segments").size()).isPositive();
            assertThat(journeys.has("deadLetters")).isTrue();
        });
        assertThat(api.get("/api/journeys/" + id, alice).status()).isEqualTo(200);
    }

    @Test
    void aRebuildGivesTheSameTableRowForRow() {
        List<String> mine = EveryEventType.journeys(api, jdbc);
        // The comparison is with the live table once it holds every event, including other tests' last ones.
        awaitLiveProjectionCaughtUp();
        List<String> before = JourneyRows.all(jdbc);
        assertThat(before).hasSizeGreaterThanOrEqualTo(2);
        assertThat(String.join("\n", before)).contains(mine.get(0), mine.get(1));

        Long storedBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Response started = api.post("/admin/projections/journeys/rebuild", ADMIN, Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("rebuild").get("state").asText()).isEqualTo("RUNNING");
        awaitRebuildDone();
        // Every event stored before the rebuild was folded in bulk, not by the shadow processor one batch at a time.
        JsonNode done = api.get("/admin/projections", ADMIN).json().get("rebuild");
        assertThat(done.get("eventsInBulk").asLong()).as(done.toString())
                .isGreaterThanOrEqualTo(storedBefore)
                .isLessThanOrEqualTo(done.get("eventsTotal").asLong());

        List<String> after = JourneyRows.all(jdbc);
        // The rows that differ first: the whole tables are too long to read in a failure's message.
        assertThat(after.stream().filter(row -> !before.contains(row)).toList()).as("rows only after the rebuild")
                .isEmpty();
        assertThat(before.stream().filter(row -> !after.contains(row)).toList()).as("rows only before the rebuild")
                .isEmpty();
        assertThat(after).containsExactlyElementsOf(before);
        assertThat(indexesOf("journeys")).containsExactlyInAnyOrderElementsOf(List.of("journeys_pkey",
                "journeys_share_token_key", "idx_journeys_share_token", "idx_journeys_visited_node_ids",
                "idx_journeys_user_updated_at", "idx_journeys_user_starting_node", "idx_journeys_public_created_at"));
        assertThat(jdbc.queryForObject("SELECT to_regclass('journeys_rebuild') IS NULL", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'journeys-rebuild'",
                Long.class)).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode status = api.get("/admin/projections", ADMIN).json();
            JsonNode rebuild = status.get("rebuild");
            assertThat(rebuild.get("eventsDone").asLong()).isEqualTo(rebuild.get("eventsTotal").asLong());
            assertThat(ProjectionStatus.processor(status, "journeys").get("lag").asLong()).isZero();
            assertThat(ProjectionStatus.processor(status, "journeys").get("runningHere").asBoolean()).isTrue();
        });
        // The live processor goes on after the switch, into the new table.
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("After")).json().get("id").asText();
        assertThat(api.get("/api/journeys/" + id, alice).json().get("journey").get("title").asText())
                .isEqualTo("After");
    }

    @Test
    void readsKeepAnsweringAndWritesAreNeitherLostNorRepeatedWhileTheProjectionIsRebuilt() throws Exception {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Busy")).json().get("id").asText();
        // Enough events that the rebuild takes a while.
        for (int i = 0; i < 150; i++) {
            assertThat(api.post("/api/journeys/" + id + "/visits", alice,
                    JourneyRequests.visit("node-" + i, "Node " + i, JourneyRequests.START_ID)).status()).isEqualTo(200);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 100_000 && !done.get(); i++) {
                Response response = api.get("/api/journeys/" + id, alice);
                reads.incrementAndGet();
                if (response.status() != 200) {
                    failures.add(response.toString());
                }
            }
        }, "test-reader");
        reader.start();
        List<String> progress = new ArrayList<>();
        int writes;
        try {
            Response started = api.post("/admin/projections/journeys/rebuild", ADMIN, Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            // Writes go on during the rebuild and across the switch.
            writes = 0;
            for (int i = 0; i < 500; i++) {
                assertThat(api.post("/api/journeys/" + id + "/visits", alice,
                        JourneyRequests.visit("during-" + i, "During " + i, JourneyRequests.START_ID)).status())
                        .isEqualTo(200);
                writes++;
                JsonNode rebuild = api.get("/admin/projections", ADMIN).json().get("rebuild");
                progress.add(rebuild.get("state").asText() + " " + rebuild.get("eventsDone").asLong() + "/"
                        + rebuild.get("eventsTotal").asLong());
                if (!"RUNNING".equals(rebuild.get("state").asText())) {
                    break;
                }
            }
            awaitRebuildDone();
        } finally {
            done.set(true);
            reader.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(progress).anyMatch(line -> line.startsWith("RUNNING"));

        long expected = 150 + writes;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode journey = api.get("/api/journeys/" + id, alice).json().get("journey");
            assertThat(journey.get("nodes_visited").size()).isEqualTo((int) expected);
            assertThat(journey.get("version").asLong()).isEqualTo(expected);
        });
        JsonNode journey = api.get("/api/journeys/" + id, alice).json().get("journey");
        List<String> nodes = new ArrayList<>();
        journey.get("nodes_visited").forEach(node -> nodes.add(node.get("nodeId").asText()));
        assertThat(nodes).doesNotHaveDuplicates();
    }

    @Test
    void aSecondRebuildIsRefusedWhileOneRunsAnywhere() throws Exception {
        // Another instance running a rebuild holds the advisory lock.
        try (Connection other = DriverManager.getConnection(databaseUrl, TestDatabase.USER, "")) {
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, ProjectionRebuilder.LOCK_KEY);
                lock.execute();
            }
            Response refused = api.post("/admin/projections/journeys/rebuild", ADMIN, Map.of());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, ProjectionRebuilder.LOCK_KEY);
                try (ResultSet result = unlock.executeQuery()) {
                    result.next();
                    assertThat(result.getBoolean(1)).isTrue();
                }
            }
        }
    }

    /** Journeys whose events, together, are of every type the projector handles. */
    private void awaitLiveProjectionCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode journeys = ProjectionStatus.processor(api.get("/admin/projections", ADMIN).json(), "journeys");
            assertThat(journeys.get("lag").asLong()).as(journeys.toString()).isZero();
        });
    }

    private void awaitRebuildDone() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode rebuild = api.get("/admin/projections", ADMIN).json().get("rebuild");
            assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isIn("DONE", "FAILED");
        });
        JsonNode rebuild = api.get("/admin/projections", ADMIN).json().get("rebuild");
        assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isEqualTo("DONE");
    }

    private List<String> indexesOf(String table) {
        return jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = ?", String.class, table);
    }
}
