package io.musicaljourney.app;

import io.musicaljourney.support.Api;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.ServiceInstances;
import io.musicaljourney.support.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command role and the query role as two separate processes would run them: two instances against one
 * database, each with one role switched off.
 */
class RolesTest {

    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static Api commands;
    private static Api queries;

    @BeforeAll
    static void startBothRoles() {
        String database = TestDatabase.create("mj_roles");
        commandSide = start(database, "journey.roles.query=false");
        querySide = start(database, "journey.roles.command=false");
        commands = new Api(ServiceInstances.baseUrl(commandSide));
        queries = new Api(ServiceInstances.baseUrl(querySide));
    }

    @AfterAll
    static void stop() {
        if (commandSide != null) {
            commandSide.close();
        }
        if (querySide != null) {
            querySide.close();
        }
    }

    /** The command instance answers once the query instance's projection shows the write. */
    @Test
    void whatTheCommandRoleWroteIsReadableFromTheQueryRoleAsSoonAsItAnswers() {
        Api.Response created = commands.post("/api/journeys", "alice", JourneyRequests.create("Split roles"));
        String id = created.json().get("id").asText();

        assertThat(created.status()).isEqualTo(201);
        assertThat(queries.get("/api/journeys/" + id, "alice").status()).isEqualTo(200);
        Api.Response renamed = commands.put("/api/journeys/" + id + "/title", "alice", java.util.Map.of("title", "Renamed"));
        assertThat(queries.get("/api/journeys/" + id, "alice").json().get("journey").get("title").asText())
                .isEqualTo("Renamed");
        assertThat(renamed.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void eachRoleServesOnlyItsOwnRoutesAndProcessors() {
        assertThat(commands.get("/api/journeys", "alice").status()).isEqualTo(405);
        assertThat(queries.post("/api/journeys", "alice", JourneyRequests.create("x")).status()).isEqualTo(405);
        assertThat(processing(commandSide).eventProcessor("journeys")).isEmpty();
        assertThat(processing(querySide).eventProcessor("journeys")).isPresent();
    }

    private static ConfigurableApplicationContext start(String database, String role) {
        return ServiceInstances.start(database, "journey.events.safety-poll-interval=200ms", role);
    }

    private static EventProcessingConfiguration processing(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class);
    }
}
