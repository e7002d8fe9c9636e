package io.musicaljourney.query.journey.projection;

import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a command's answer has been sent, the read model already shows it: checked straight in the table, with no
 * waiting, for a run of commands (the event source's safety tick is set to minutes in tests, so only the wake-up
 * after each commit can make this hold).
 */
class ReadYourWritesTest extends IntegrationTest {

    @Test
    void everyCommandAnswersOnlyOnceItsProjectionShowsIt() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Read your writes"))
                .json().get("id").asText();
        assertThat(projectedVersion(id)).isZero();

        String parent = START_ID;
        for (int step = 1; step <= 20; step++) {
            String node = "node-" + step;
            Response visit = api.post("/api/journeys/" + id + "/visits", alice,
                    JourneyRequests.visit(node, "Node " + step, parent));
            assertThat(visit.status()).isEqualTo(200);
            assertThat(projectedVersion(id)).isEqualTo(visit.json().get("version").asLong());
            parent = node;
        }
        assertThat(jdbc.queryForObject("SELECT jsonb_array_length(nodes_visited) FROM journeys WHERE id = ?::uuid",
                Integer.class, id)).isEqualTo(20);
    }

    @Test
    void aDeletedJourneyIsGoneFromTheTableWhenTheDeleteAnswers() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, JourneyRequests.create("Gone")).json().get("id").asText();

        api.delete("/api/journeys/" + id, alice);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM journeys WHERE id = ?::uuid", Integer.class, id))
                .isZero();
    }

    private long projectedVersion(String id) {
        return jdbc.queryForObject("SELECT version FROM journeys WHERE id = ?::uuid", Long.class, id);
    }
}
