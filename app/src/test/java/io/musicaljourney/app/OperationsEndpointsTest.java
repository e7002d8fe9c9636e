package io.musicaljourney.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API users read besides the routes: health, metrics and the OpenAPI description. */
class OperationsEndpointsTest extends IntegrationTest {

    @Test
    void healthReportsTheDatabaseAndTheProjectionProcessors() {
        JsonNode health = api.get("/actuator/health", null).json();

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        JsonNode journeys = health.at("/components/eventProcessors/details/journeys");
        assertThat(health.at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(journeys.get("running").asBoolean()).isTrue();
        assertThat(journeys.get("segmentsInError").asInt()).isZero();
    }

    @Test
    void readinessCoversTheDatabaseAndTheProjectionsButNotTheCache() {
        JsonNode readiness = api.get("/actuator/health/readiness", null).json();

        assertThat(readiness.get("status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/eventProcessors/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/redis").isMissingNode()).isTrue();
    }

    @Test
    void prometheusExposesHttpAndProjectionMetricsButNoPerMessageBusMetrics() {
        api.post("/api/journeys", newUser(), JourneyRequests.create("Counted"));

        String metrics = api.get("/actuator/prometheus", null).text();

        assertThat(metrics).contains("http_server_requests_seconds_count");
        assertThat(metrics).doesNotContain("http_server_requests_active_seconds");
        assertThat(metrics).contains("journeys_latency").contains("journeys_capacity");
        assertThat(metrics).doesNotContainIgnoringCase("commandBus").doesNotContainIgnoringCase("eventStore")
                .doesNotContainIgnoringCase("queryBus");
    }

    @Test
    void theOpenApiDescriptionListsEveryJourneyRoute() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");

        for (String path : List.of("/api/journeys", "/api/journeys/{id}", "/api/journeys/{id}/visits",
                "/api/journeys/{id}/tracks", "/api/journeys/{id}/tracks/{trackId}", "/api/journeys/{id}/narratives",
                "/api/journeys/{id}/title", "/api/journeys/{id}/graph", "/api/journeys/{id}/share",
                "/api/journeys/{id}/share/rotate", "/api/journeys/shared/{token}", "/api/journeys/public",
                "/api/journeys/visited")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        JsonNode create = paths.at("/~1api~1journeys/post");
        assertThat(create.toString()).doesNotContain("\"UserId\"").doesNotContain("\"user\"");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
