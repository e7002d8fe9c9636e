package io.musicaljourney.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data in the event store: user ids, titles, narratives and client fields are stored only encrypted with
 * their user's key, every reader sees them decrypted, and deleting the user destroys the key, so the event store
 * keeps no readable personal data of theirs while its events and hash chain stay whole.
 */
class CryptoShreddingTest extends IntegrationTest {

    private static final String TITLE = "Songs for Margaret Whitfield's wedding";
    private static final String NARRATIVE = "Margaret first heard Son House at her grandfather's farm.";
    private static final String DESCRIPTION = "Margaret's favourite slide player";

    private final String alice = "alice-" + java.util.UUID.randomUUID();

    @Test
    void personalDataIsStoredOnlyEncryptedAndEveryReaderSeesItDecrypted() {
        String id = journeyFullOfPersonalData(alice);

        String stored = storedText(id);
        assertThat(stored).doesNotContain(alice, "Margaret", "Whitfield").contains("pd1:");

        JsonNode journey = api.get("/api/journeys/" + id, alice).json().get("journey");
        assertThat(journey.get("title").asText()).isEqualTo(TITLE);
        assertThat(journey.get("nodes_visited").get(0).get("narrative").asText()).isEqualTo(NARRATIVE);
        assertThat(journey.get("nodes_visited").get(0).get("description").asText()).isEqualTo(DESCRIPTION);
        JsonNode history = api.get("/api/journeys/" + id + "/history", alice).json().get("events");
        assertThat(history.get(0).get("actingUser").asText()).isEqualTo(alice);
        assertThat(history.get(0).get("payload").get("ownerId").asText()).isEqualTo(alice);
        assertThat(history.get(0).get("payload").get("title").asText()).isEqualTo(TITLE);
        assertThat(api.get("/api/journeys/" + id + "/audit/verify", alice).json().get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void deletingTheUserLeavesNoReadablePersonalDataOfTheirsAndKeepsTheEventsWhole() {
        String id = journeyFullOfPersonalData(alice);
        String bob = newUser();
        String bobs = journeyFullOfPersonalData(bob);
        long events = eventCount(id);

        Response replayable = api.send("POST", "/api/journeys/" + id + "/share/rotate", alice, null,
                Map.of("Idempotency-Key", "rotate-" + id));
        assertThat(replayable.status()).as(replayable.toString()).isEqualTo(200);
        events++;
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE user_id = ?", Long.class, alice))
                .isOne();

        Response erased = api.delete("/api/me", alice);

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("journeysDeleted").asInt()).isEqualTo(1);
        assertThat(api.get("/api/journeys/" + id, alice).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journeys WHERE user_id = ?", Long.class, alice))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_keys WHERE user_id = ?", Long.class,
                alice)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE user_id = ?", Long.class, alice))
                .as("stored responses of idempotent requests are forgotten").isZero();
        assertThat(eventCount(id)).as("the deletion is recorded, nothing is removed").isEqualTo(events + 1);
        assertThat(storedText(id)).doesNotContain(alice, "Margaret", "Whitfield");

        // Read back through the upcasters (an administrator's audit): what was personal is erased.
        JsonNode audit = api.get("/api/journeys/" + id + "/audit", ADMIN).json();
        audit.get("entries").forEach(entry -> assertThat(entry.get("by").asText()).isEqualTo("[erased]"));
        assertThat(audit.toString()).doesNotContain(alice, "Margaret");
        assertThat(api.get("/api/journeys/" + id + "/audit/verify", ADMIN).json().get("intact").asBoolean())
                .as("the hash chain covers the stored, encrypted bytes").isTrue();

        // Nobody else is touched.
        JsonNode bobsJourney = api.get("/api/journeys/" + bobs, bob).json().get("journey");
        assertThat(bobsJourney.get("title").asText()).isEqualTo(TITLE);
    }

    /** Through the frontend's create route, whose node entries carry extra client fields such as a description. */
    private String journeyFullOfPersonalData(String user) {
        Map<String, Object> start = new HashMap<>(JourneyRequests.create(TITLE));
        Map<String, Object> node = new HashMap<>();
        node.put("nodeId", "mjc-son-house");
        node.put("nodeType", "artist");
        node.put("nodeName", "Son House");
        node.put("pathwayType", "influences");
        node.put("parentNodeId", START_ID);
        node.put("narrative", NARRATIVE);
        node.put("description", DESCRIPTION);
        start.put("nodesVisited", List.of(node));
        Response created = api.post("/api/journeys", user, start);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response shared = api.post("/api/journeys/" + id + "/share", user, null);
        assertThat(shared.status()).as(shared.toString()).isEqualTo(200);
        return id;
    }

    private String storedText(String id) {
        return jdbc.queryForObject("SELECT string_agg(convert_from(payload, 'UTF8') || convert_from(meta_data, "
                + "'UTF8'), ' ') FROM domain_event_entry WHERE aggregate_identifier = ?", String.class, id);
    }

    private long eventCount(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id);
    }
}
