package io.musicaljourney.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.Api.Response;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Poison events for the journeys projection, and the letters the operators' route shows for them. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * A title the projector's statement fails for, once {@link #install} has added a check constraint on the live
     * table that refuses it (and only it).
     */
    public record PoisonedTitle(String marker, String constraint) {

        public static PoisonedTitle named(String prefix) {
            return new PoisonedTitle(prefix + "-" + UUID.randomUUID(),
                    "test_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        }

        public void install(JdbcTemplate jdbc) {
            jdbc.execute("ALTER TABLE journeys ADD CONSTRAINT " + constraint + " CHECK (title IS DISTINCT FROM '"
                    + marker + "')");
        }

        public void remove(JdbcTemplate jdbc) {
            jdbc.execute("ALTER TABLE journeys DROP CONSTRAINT IF EXISTS " + constraint);
        }
    }

    /**
     * The journeys group's letters of one journey, in their order, one per event: delivery is at least once, so a
     * failing event may be parked twice (a segment moving between instances, a second reset); which events are
     * parked, and in which order, is what counts.
     */
    public static List<JsonNode> lettersOf(Api api, String admin, String journey) {
        Response response = api.get("/admin/dead-letters?group=journeys", admin);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        Set<String> events = new HashSet<>();
        response.json().get("deadLetters").forEach(letter -> {
            if (letter.get("sequenceIdentifier").asText().equals(journey)
                    && events.add(letter.get("eventIdentifier").asText())) {
                letters.add(letter);
            }
        });
        return letters;
    }
}
