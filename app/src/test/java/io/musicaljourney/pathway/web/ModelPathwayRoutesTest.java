package io.musicaljourney.pathway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes with Claude as the provider, against a fake of Anthropic's Messages API: the one extra application
 * context of the exploration tests.
 */
class ModelPathwayRoutesTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MockWebServer anthropic = new MockWebServer();

    static {
        try {
            anthropic.start();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("journey.pathways.provider", () -> "anthropic");
        registry.add("journey.pathways.anthropic.api-key", () -> "test-key");
        registry.add("journey.pathways.anthropic.base-url", () -> anthropic.url("/").toString());
        registry.add("journey.pathways.retry.backoff", () -> "10ms");
    }

    @AfterAll
    static void stop() throws IOException {
        anthropic.shutdown();
    }

    @BeforeEach
    void drain() throws InterruptedException {
        while (anthropic.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
            // requests of an earlier test
        }
    }

    private static MockResponse message(String text) throws IOException {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(JSON.writeValueAsString(Map.of(
                "id", "msg_01", "type", "message", "role", "assistant", "model", "claude-test",
                "content", List.of(Map.of("type", "text", "text", text)), "stop_reason", "end_turn",
                "usage", Map.of("input_tokens", 10, "output_tokens", 10))));
    }

    private static String pathways(String prefix) {
        return """
                {"pathways":[
                 {"type":"influences","title":"Roots","nodes":[
                  {"nodeType":"artist","nodeId":"%1$s-a","nodeName":"A","description":"A came first. A shaped the sound.","representativeTrackTitles":["One"]},
                  {"nodeType":"artist","nodeId":"%1$s-b","nodeName":"B","description":"B came early. B set the tone.","representativeTrackTitles":[]}]},
                 {"type":"legacy","title":"After","nodes":[
                  {"nodeType":"artist","nodeId":"%1$s-c","nodeName":"C","description":"C came later. C took it further.","representativeTrackTitles":[]},
                  {"nodeType":"artist","nodeId":"%1$s-d","nodeName":"D","description":"D came later still. D made it popular.","representativeTrackTitles":[]}]},
                 {"type":"genre","title":"Genres","nodes":[
                  {"nodeType":"genre","nodeId":"art-rock","nodeName":"Art Rock","description":"Art rock borrows from the avant-garde. It peaked in the 1970s.","representativeTrackTitles":[]},
                  {"nodeType":"genre","nodeId":"post-punk","nodeName":"Post-Punk","description":"Post-punk followed punk. It favoured experiment.","representativeTrackTitles":[]}]}
                ]}""".formatted(prefix);
    }

    private Response generate(String nodeId) {
        return api.post("/api/ai/generate-pathways", newUser(), Map.of("nodeType", "artist", "nodeId", nodeId,
                "nodeName", "Somebody", "context", Map.of("previousNodes", List.of())));
    }

    @Test
    void claudesValidAnswerIsServedInTheFrontendsNamesAndCachedForTheNextCaller() throws Exception {
        String node = "artist-" + UUID.randomUUID();
        anthropic.enqueue(message(pathways("x")));

        Response first = generate(node);
        Response second = generate(node);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("pathways").get(2).get("type").asText()).isEqualTo("genre_connections");
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(anthropic.takeRequest(5, TimeUnit.SECONDS).getPath()).isEqualTo("/v1/messages");
        assertThat(anthropic.takeRequest(200, TimeUnit.MILLISECONDS)).as("a second upstream call").isNull();
    }

    @Test
    void invalidAnswersAreAskedForOnceMoreThenAnsweredWithTheContractsErrorAndNeverCached() throws Exception {
        String node = "artist-" + UUID.randomUUID();
        anthropic.enqueue(message("I'd be happy to help! Here are some pathways..."));
        anthropic.enqueue(message("{\"pathways\":[{\"type\":\"influences\",\"title\":\"x\",\"nodes\":[]}]}"));

        Response failed = generate(node);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("error").asText()).isEqualTo("Failed to generate pathways");
        assertThat(anthropic.getRequestCount()).isGreaterThanOrEqualTo(2);

        anthropic.enqueue(message(pathways("y")));
        Response retried = generate(node);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journey_nodes_cache WHERE cache_key = ?",
                Integer.class, "pathway:artist:" + node)).isEqualTo(1);
    }

    @Test
    void anOverloadedClaudeIsRetriedBehindTheRoute() throws Exception {
        String node = "artist-" + UUID.randomUUID();
        anthropic.enqueue(new MockResponse().setResponseCode(529).setHeader("Content-Type", "application/json")
                .setBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        anthropic.enqueue(message(pathways("z")));

        assertThat(generate(node).status()).isEqualTo(200);
    }

    @Test
    void aFailedNarrativeAnswersTheAnalogousMessage() throws Exception {
        for (int i = 0; i < 3; i++) {
            anthropic.enqueue(new MockResponse().setResponseCode(500).setBody("{\"type\":\"error\",\"error\":"
                    + "{\"type\":\"api_error\",\"message\":\"Internal\"}}"));
        }
        Response response = api.post("/api/ai/generate-narrative", newUser(), Map.of(
                "fromNode", Map.of("id", "from-" + UUID.randomUUID(), "name", "A"),
                "toNode", Map.of("id", "to-" + UUID.randomUUID(), "name", "B")));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().get("error").asText()).isEqualTo("Failed to generate narrative");
    }
}
