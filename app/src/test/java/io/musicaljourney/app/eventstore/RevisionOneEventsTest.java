package io.musicaljourney.app.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.query.audit.chain.EventChain;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored in an older shape stay readable: the revision-1 payloads kept in {@code events/revision-1} are
 * stored as they were written and then read through the current upcasters by the aggregate (a new command on the
 * journey), the projector (the read model), the history and the audit's hash chain.
 */
class RevisionOneEventsTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String owner = newUser();

    @Test
    void revisionOneNodeVisitsKeepTheirClientFieldsThroughUpcasterAggregateAndProjector() throws IOException {
        String id = storeFixture("events/revision-1/delta-blues-journey.json");

        // The aggregate folds the old events (Son House must be a visited node to be a parent); the new event's
        // commit wakes the projector, which then projects the stored events too.
        Response visit = api.post("/api/journeys/" + id + "/visits", owner,
                JourneyRequests.visit("mjc-charley-patton", "Charley Patton", "mjc-son-house"));
        assertThat(visit.status()).as(visit.toString()).isEqualTo(200);
        assertThat(visit.json().get("version").asLong()).isEqualTo(4);

        JsonNode journey = api.get("/api/journeys/" + id, owner).json().get("journey");
        JsonNode sonHouse = journey.get("nodes_visited").get(0);
        assertThat(sonHouse.get("nodeId").asText()).isEqualTo("mjc-son-house");
        assertThat(sonHouse.get("description").asText()).isEqualTo("Delta slide guitarist");
        assertThat(sonHouse.get("imageUrl").asText()).isEqualTo("https://example.org/son-house.jpg");
        assertThat(sonHouse.has("attributes")).isFalse();
        assertThat(journey.get("nodes_visited").get(1).get("nodeType").asText()).isEqualTo("genre");
        assertThat(journey.get("nodes_visited")).hasSize(3);
        assertThat(journey.get("tracks").get(0).get("durationMs").asLong()).isEqualTo(268_000);
        assertThat(journey.get("title").asText()).isEqualTo("Delta blues, saved by release 0.1");

        JsonNode stored = api.get("/api/journeys/" + id + "/history?limit=2&after=0", owner).json()
                .get("events").get(0);
        assertThat(stored.get("type").asText()).isEqualTo("NodeVisited");
        assertThat(stored.get("revision").asText()).isEqualTo("2");
        assertThat(stored.get("payload").get("clientFields").get("description").asText())
                .isEqualTo("Delta slide guitarist");
        assertThat(stored.get("payload").has("attributes")).isFalse();

        JsonNode verification = api.get("/api/journeys/" + id + "/audit/verify", owner).json();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("eventsChecked").asLong()).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT payload_revision FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id))
                .as("stored events are never rewritten").isEqualTo("1");
    }

    /** The fixture's rows as release 0.1 appended them, links of the hash chain included. */
    private String storeFixture(String resource) throws IOException {
        String id = UUID.randomUUID().toString();
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${journeyId}", id).replace("${owner}", owner);
        }
        JsonNode rows = JSON.readTree(text);
        byte[] previous = EventChain.GENESIS;
        Instant at = Instant.now().minus(1, ChronoUnit.DAYS);
        for (int sequence = 0; sequence < rows.size(); sequence++) {
            JsonNode row = rows.get(sequence);
            String eventId = UUID.randomUUID().toString();
            String timestamp = DateTimeUtils.formatInstant(at.plusSeconds(sequence));
            byte[] payload = JSON.writeValueAsBytes(row.get("payload"));
            byte[] metaData = JSON.writeValueAsBytes(row.get("metaData"));
            String payloadType = row.get("payloadType").asText();
            String revision = row.get("payloadRevision").asText();
            jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                    + "type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", eventId, id, sequence, row.get("type").asText(),
                    timestamp, payloadType, revision, payload, metaData);
            previous = EventChain.link(previous, new EventChain.ChainedEvent(eventId, id, sequence,
                    row.get("type").asText(), timestamp, payloadType, revision, payload, metaData));
            jdbc.update("INSERT INTO event_hash_chain (aggregate_identifier, sequence_number, event_identifier, hash) "
                    + "VALUES (?, ?, ?, ?)", id, sequence, eventId, previous);
        }
        return id;
    }
}
