package io.musicaljourney.pathway.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both model providers against fakes that speak the real protocols: Anthropic's Messages API and an
 * OpenAI-compatible chat completions endpoint.
 */
class LanguageModelProvidersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATHWAYS = """
            {"pathways":[
             {"type":"influences","title":"Where Radiohead came from","nodes":[
              {"nodeType":"artist","nodeId":"pink-floyd","nodeName":"Pink Floyd","description":"Pink Floyd made long-form rock records in the 1970s. Radiohead cite their albums as a model.","representativeTrackTitles":["Time","Money"]},
              {"nodeType":"artist","nodeId":"david-bowie","nodeName":"David Bowie","description":"David Bowie reinvented rock in the 1970s. His Berlin records shaped art rock.","representativeTrackTitles":["Heroes"]}]},
             {"type":"contemporaries","title":"In the same years","nodes":[
              {"nodeType":"artist","nodeId":"blur","nodeName":"Blur","description":"Blur rose in the same British scene. They were active from 1988.","representativeTrackTitles":[]},
              {"nodeType":"artist","nodeId":"pj-harvey","nodeName":"PJ Harvey","description":"PJ Harvey began in 1991. She shared festival bills with Radiohead.","representativeTrackTitles":["Rid of Me"]}]},
             {"type":"genre_connections","title":"Genres","nodes":[
              {"nodeType":"genre","nodeId":"alternative-rock","nodeName":"Alternative Rock","description":"Alternative rock grew from college radio. Radiohead are among its best known bands.","representativeTrackTitles":[]},
              {"nodeType":"genre","nodeId":"art-rock","nodeName":"Art Rock","description":"Art rock takes ideas from the avant-garde. Radiohead's later records belong to it.","representativeTrackTitles":[]}]}
            ]}""";
    static final String NARRATIVE = """
            {"narrative":"%s","keyPoints":["Radiohead named Pink Floyd as an influence"],"year":1997,"sources":["Interviews"]}
            """.formatted("word ".repeat(170).strip());

    private final MockWebServer server = new MockWebServer();
    private final PathwayOutputValidator validator = new PathwayOutputValidator(JSON);
    private final FetchPathwaysQuery radiohead = new FetchPathwaysQuery(NodeType.ARTIST, "radiohead", "Radiohead",
            List.of("Pink Floyd"));

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private ModelPathwayProvider anthropic(Duration timeout) {
        PathwayModelProperties.Anthropic settings = new PathwayModelProperties.Anthropic("test-key",
                server.url("/").toString(), "claude-test", 1024, timeout);
        return new ModelPathwayProvider(new AnthropicLanguageModel(settings, guard("anthropic"), Clock.systemUTC()),
                validator);
    }

    private ModelPathwayProvider openai(Duration timeout) {
        PathwayModelProperties.OpenAi settings = new PathwayModelProperties.OpenAi(server.url("/v1").toString(),
                null, "llama-test", 1024, Duration.ofSeconds(2), timeout);
        return new ModelPathwayProvider(new OpenAiCompatibleLanguageModel(settings, guard("openai"),
                Clock.systemUTC()), validator);
    }

    private static UpstreamGuard guard(String name) {
        return new UpstreamGuard(name, new PathwayModelProperties.Retry(3, Duration.ofMillis(10),
                Duration.ofSeconds(5)), RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults());
    }

    static MockResponse anthropicMessage(String text) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of(
                "id", "msg_01XFDUDYJgAACzvnptvVoYEL", "type", "message", "role", "assistant",
                "model", "claude-test",
                "content", List.of(java.util.Map.of("type", "text", "text", text)),
                "stop_reason", "end_turn",
                "usage", java.util.Map.of("input_tokens", 120, "output_tokens", 480)));
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse anthropicError(int status, String type, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}");
    }

    static MockResponse chatCompletion(String text) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of(
                "id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000, "model", "llama-test",
                "choices", List.of(java.util.Map.of("index", 0, "finish_reason", "stop",
                        "message", java.util.Map.of("role", "assistant", "content", text))),
                "usage", java.util.Map.of("prompt_tokens", 100, "completion_tokens", 400, "total_tokens", 500)));
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void anthropicAnswersAreParsedIntoPathwaysFromTheMessagesApi() throws Exception {
        server.enqueue(anthropicMessage(PATHWAYS));

        Pathways pathways = anthropic(Duration.ofSeconds(5)).pathways(radiohead);

        assertThat(pathways.pathways()).extracting(p -> p.type())
                .containsExactly(PathwayType.INFLUENCES, PathwayType.CONTEMPORARIES, PathwayType.GENRE);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/v1/messages");
        // The SDK decides how the key travels (x-api-key or a bearer); it must travel.
        assertThat(java.util.stream.Stream.of(request.getHeader("x-api-key"), request.getHeader("Authorization")))
                .anySatisfy(header -> assertThat(header).contains("test-key"));
        assertThat(request.getHeader("anthropic-version")).isNotBlank();
        var sent = JSON.readTree(request.getBody().readUtf8());
        assertThat(sent.path("model").asText()).isEqualTo("claude-test");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(sent.path("system").toString()).contains("genre_connections").contains("exactly two sentences");
        assertThat(sent.path("messages").path(0).path("content").toString()).contains("Radiohead");
    }

    @Test
    void invalidJsonFromTheModelIsAskedForOnceMoreThenRefused() throws Exception {
        server.enqueue(anthropicMessage("Here are some pathways: influences, legacy..."));
        server.enqueue(anthropicMessage("{\"pathways\": []}"));

        assertThatThrownBy(() -> anthropic(Duration.ofSeconds(5)).pathways(radiohead))
                .isInstanceOf(InvalidModelOutputException.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
        server.takeRequest();
        assertThat(server.takeRequest().getBody().readUtf8()).contains("previous answer was rejected");
    }

    @Test
    void invalidJsonFollowedByAValidAnswerSucceedsOnTheSecondTry() throws Exception {
        server.enqueue(anthropicMessage("```json\n{\"pathways\":[{\"type\":\"influences\"}]}\n```"));
        server.enqueue(anthropicMessage(PATHWAYS));

        assertThat(anthropic(Duration.ofSeconds(5)).pathways(radiohead).pathways()).hasSize(3);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anOverloaded529IsRetriedAndThenSucceeds() throws Exception {
        server.enqueue(anthropicError(529, "overloaded_error", "Overloaded"));
        server.enqueue(anthropicMessage(PATHWAYS));

        assertThat(anthropic(Duration.ofSeconds(5)).pathways(radiohead).pathways()).hasSize(3);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() throws Exception {
        server.enqueue(anthropicError(429, "rate_limit_error", "Slow down").setHeader("retry-after", "1"));
        server.enqueue(anthropicMessage(PATHWAYS));

        long started = System.nanoTime();
        anthropic(Duration.ofSeconds(5)).pathways(radiohead);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRetryAfterLongerThanTheBoundEndsTheAttemptsAtOnce() {
        server.enqueue(anthropicError(429, "rate_limit_error", "Slow down").setHeader("retry-after", "3600"));

        assertThatThrownBy(() -> anthropic(Duration.ofSeconds(5)).pathways(radiohead))
                .isInstanceOfSatisfying(LanguageModelException.class, failure -> assertThat(failure.status())
                        .isEqualTo(429));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aClientErrorIsNeverRetried() {
        server.enqueue(anthropicError(400, "invalid_request_error", "max_tokens too large"));

        assertThatThrownBy(() -> anthropic(Duration.ofSeconds(5)).pathways(radiohead))
                .isInstanceOf(LanguageModelException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotAnswerInTimeFailsWithoutBeingAskedAgain() throws Exception {
        server.enqueue(anthropicMessage(PATHWAYS).setHeadersDelay(3, TimeUnit.SECONDS));

        assertThatThrownBy(() -> anthropic(Duration.ofMillis(500)).pathways(radiohead))
                .isInstanceOfSatisfying(LanguageModelException.class, failure -> assertThat(failure.status())
                        .isZero());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void persistentServerErrorsGiveUpAfterTheConfiguredAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(anthropicError(500, "api_error", "Internal"));
        }
        assertThatThrownBy(() -> anthropic(Duration.ofSeconds(5)).pathways(radiohead))
                .isInstanceOf(LanguageModelException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void openAiCompatibleServersAnswerThroughChatCompletions() throws Exception {
        server.enqueue(chatCompletion(PATHWAYS));

        assertThat(openai(Duration.ofSeconds(5)).pathways(radiohead).pathways()).hasSize(3);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeader("Authorization")).isNull();
        var sent = JSON.readTree(request.getBody().readUtf8());
        assertThat(sent.path("model").asText()).isEqualTo("llama-test");
        assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").path(1).path("content").asText()).contains("Radiohead");
    }

    @Test
    void openAiCompatibleServersAreRetriedOn503WithRetryAfterAndOnInvalidJsonOnce() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "0"));
        server.enqueue(chatCompletion("not json at all"));
        server.enqueue(chatCompletion(NARRATIVE));

        ConnectionNarrative narrative = openai(Duration.ofSeconds(5)).narrative(new FetchConnectionNarrativeQuery(
                new NodeRef(NodeId.of("pink-floyd"), NodeType.ARTIST, "Pink Floyd"),
                new NodeRef(NodeId.of("radiohead"), NodeType.ARTIST, "Radiohead"), "influences"));

        assertThat(narrative.year()).isEqualTo(1997);
        assertThat(narrative.keyPoints()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void openAiCompatibleTimeoutsFailWithoutRetry() throws Exception {
        server.enqueue(chatCompletion(PATHWAYS).setBodyDelay(3, TimeUnit.SECONDS));

        assertThatThrownBy(() -> openai(Duration.ofMillis(500)).pathways(radiohead))
                .isInstanceOf(LanguageModelException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
