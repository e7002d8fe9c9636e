package io.musicaljourney.app;

import io.musicaljourney.support.Api;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.ServiceInstances;
import io.musicaljourney.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, each keeping journeys in its aggregate cache: a journey one of them has cached
 * must still be decided on everything the other appended, as if it had been read from the store.
 */
class AggregateCacheAcrossInstancesTest {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void startTwoInstances() {
        String database = TestDatabase.create("mj_cache");
        first = ServiceInstances.start(database, "journey.events.safety-poll-interval=200ms");
        second = ServiceInstances.start(database, "journey.events.safety-poll-interval=200ms");
        a = new Api(ServiceInstances.baseUrl(first));
        b = new Api(ServiceInstances.baseUrl(second));
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aCachedJourneySeesWhatAnotherInstanceAppended() {
        String user = "carol";
        String id = a.post("/api/journeys", user, JourneyRequests.create("Cached")).json().get("id").asText();
        // Instance a now holds the journey at version 1 in its cache.
        assertThat(visit(a, user, id, "son-house", JourneyRequests.START_ID, null).json().get("version").asLong())
                .isEqualTo(1);
        // Instance b appends two more events.
        assertThat(visit(b, user, id, "charley-patton", "son-house", null).json().get("version").asLong())
                .isEqualTo(2);
        assertThat(b.put("/api/journeys/" + id + "/title", user, Map.of("title", "Renamed on b"))
                .json().get("version").asLong()).isEqualTo(3);

        // On a, the current version is accepted and a stale one refused, as a full read would decide.
        Api.Response stale = visit(a, user, id, "robert-johnson", "son-house", "1");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        Api.Response current = visit(a, user, id, "robert-johnson", "son-house", "3");
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(current.json().get("version").asLong()).isEqualTo(4);
        // A visit b already recorded is already true on a: nothing appended, the current version answered.
        Api.Response again = visit(a, user, id, "charley-patton", "son-house", null);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("version").asLong()).isEqualTo(4);

        // And b, which cached the journey at version 3, sees a's visit in turn.
        assertThat(b.put("/api/journeys/" + id + "/title", user, Map.of("title", "Renamed again"))
                .json().get("version").asLong()).isEqualTo(5);
        assertThat(a.get("/api/journeys/" + id, user).json().get("journey").get("nodes_visited")).hasSize(3);
    }

    @Test
    void aJourneyDeletedOnAnotherInstanceIsGoneOnThisOne() {
        String user = "dave";
        String id = a.post("/api/journeys", user, JourneyRequests.create("Doomed")).json().get("id").asText();
        assertThat(visit(a, user, id, "son-house", JourneyRequests.START_ID, null).status()).isEqualTo(200);
        assertThat(b.delete("/api/journeys/" + id, user).status()).isBetween(200, 204);

        assertThat(visit(a, user, id, "charley-patton", "son-house", null).status()).isEqualTo(404);
    }

    private static Api.Response visit(Api api, String user, String journey, String node, String parent,
                                      String ifMatch) {
        Map<String, String> headers = ifMatch == null ? Map.of() : Map.of("If-Match", "\"" + ifMatch + "\"");
        return api.send("POST", "/api/journeys/" + journey + "/visits", user,
                JourneyRequests.visit(node, node, parent), headers);
    }
}
