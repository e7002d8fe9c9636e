package io.musicaljourney.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.query.audit.chain.EventChain;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tamper evidence of the audit: every stored event is linked by hash to the one before it, and the verify route
 * recomputes the chain from the stored rows and says where it breaks.
 */
class EventHashChainTest extends IntegrationTest {

    private final String alice = newUser();

    @Test
    void anUntouchedJourneyVerifiesWithEveryEventChained() {
        String id = journeyWithEvents();

        JsonNode verification = verify(id);

        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("eventsChecked").asLong()).isEqualTo(5).isEqualTo(storedEvents(id));
        assertThat(verification.get("headHash").asText()).matches("[0-9a-f]{64}");
        assertThat(verification.has("brokenAt")).isFalse();
    }

    @Test
    void aChangedPayloadBreaksTheChainAtThatEvent() {
        String id = journeyWithEvents();
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'Son House', 'Someone Else'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 1", id);

        assertBrokenAt(verify(id), 1, "hash_mismatch");
    }

    @Test
    void changedMetadataBreaksTheChainAtThatEvent() {
        String id = journeyWithEvents();
        jdbc.update("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), "
                + "'\"requestId\":\"', '\"requestId\":\"forged-'), 'UTF8') "
                + "WHERE aggregate_identifier = ? AND sequence_number = 2", id);

        assertBrokenAt(verify(id), 2, "hash_mismatch");
    }

    @Test
    void aChangedEventWhoseLinkWasRecomputedBreaksTheChainAtTheNextEvent() {
        String id = journeyWithEvents();
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'Son House', 'Someone Else'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 1", id);
        byte[] previous = jdbc.queryForObject("SELECT hash FROM event_hash_chain WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0", byte[].class, id);
        byte[] forged = jdbc.queryForObject("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 1", (row, n) -> EventChain.link(previous, new EventChain.ChainedEvent(
                row.getString("event_identifier"), row.getString("aggregate_identifier"), 1, row.getString("type"),
                row.getString("time_stamp"), row.getString("payload_type"), row.getString("payload_revision"),
                row.getBytes("payload"), row.getBytes("meta_data"))), id);
        jdbc.update("UPDATE event_hash_chain SET hash = ? WHERE aggregate_identifier = ? AND sequence_number = 1",
                forged, id);

        assertBrokenAt(verify(id), 2, "hash_mismatch");
    }

    @Test
    void aDeletedEventIsReportedWhereItIsMissing() {
        String id = journeyWithEvents();
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 3", id);

        assertBrokenAt(verify(id), 3, "event_missing");

        jdbc.update("DELETE FROM event_hash_chain WHERE aggregate_identifier = ? AND sequence_number = 3", id);

        assertBrokenAt(verify(id), 3, "event_missing");
    }

    @Test
    void anEventWithoutALinkIsReported() {
        String id = journeyWithEvents();
        jdbc.update("DELETE FROM event_hash_chain WHERE aggregate_identifier = ? AND sequence_number = 2", id);

        assertBrokenAt(verify(id), 2, "link_missing");
    }

    @Test
    void concurrentCommandsOnOneJourneyKeepItsChainIntact() {
        String id = start();
        List<CompletableFuture<Response>> visits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> visit = JourneyRequests.visit("node-" + i, "Node " + i, START_ID);
            visits.add(CompletableFuture.supplyAsync(() ->
                    api.post("/api/journeys/" + id + "/visits", alice, visit)));
        }
        long applied = visits.stream().map(CompletableFuture::join).filter(response -> response.status() == 200)
                .count();

        JsonNode verification = verify(id);

        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("eventsChecked").asLong()).isEqualTo(applied + 1).isEqualTo(storedEvents(id));
    }

    private String journeyWithEvents() {
        String id = start();
        ok(api.post("/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-son-house", "Son House", START_ID)));
        ok(api.post("/api/journeys/" + id + "/visits", alice,
                JourneyRequests.visit("mjc-charley-patton", "Charley Patton", "mjc-son-house")));
        ok(api.post("/api/journeys/" + id + "/share", alice, null));
        ok(api.post("/api/journeys/" + id + "/tracks", alice,
                JourneyRequests.track("pony-blues", "Pony Blues", "mjc-charley-patton")));
        return id;
    }

    private String start() {
        Response created = api.post("/api/journeys", alice, JourneyRequests.create("Delta blues"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private JsonNode verify(String id) {
        Response verification = api.get("/api/journeys/" + id + "/audit/verify", alice);
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        return verification.json();
    }

    private long storedEvents(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id);
    }

    private static void assertBrokenAt(JsonNode verification, long sequence, String reason) {
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isFalse();
        assertThat(verification.get("brokenAt").get("sequence").asLong()).isEqualTo(sequence);
        assertThat(verification.get("brokenAt").get("reason").asText()).isEqualTo(reason);
        assertThat(verification.has("headHash")).isFalse();
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
