package io.musicaljourney.pathway.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Any server speaking OpenAI's {@code /v1/chat/completions} (Ollama, vLLM, LM Studio...), through Spring's RestClient. */
public final class OpenAiCompatibleLanguageModel implements LanguageModel {

    public static final String NAME = "openai";

    private final RestClient http;
    private final PathwayModelProperties.OpenAi settings;
    private final UpstreamGuard guard;
    private final Clock clock;

    public OpenAiCompatibleLanguageModel(PathwayModelProperties.OpenAi settings, UpstreamGuard guard, Clock clock) {
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .build());
        requests.setReadTimeout(settings.timeout());
        RestClient.Builder builder = RestClient.builder()
                .requestFactory(requests)
                .baseUrl(root(settings.baseUrl()));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey().strip());
        }
        this.http = builder.build();
    }

    /** Both {@code http://host:11434} and {@code http://host:11434/v1} are what people paste. */
    static String root(String baseUrl) {
        String root = baseUrl.strip();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root.endsWith("/v1") ? root.substring(0, root.length() - 3) : root;
    }

    @Override
    public String complete(String systemPrompt, String userPrompt) {
        Map<String, Object> body = Map.of(
                "model", settings.model(),
                "max_tokens", settings.maxTokens(),
                "temperature", 0.2,
                "response_format", Map.of("type", "json_object"),
                "messages", List.of(
                        Map.of("role", "system", "content", systemPrompt),
                        Map.of("role", "user", "content", userPrompt)));
        return guard.call(() -> send(body));
    }

    private String send(Map<String, Object> body) {
        JsonNode response;
        try {
            response = http.post().uri("/v1/chat/completions")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class);
        } catch (RestClientResponseException failure) {
            HttpHeaders headers = failure.getResponseHeaders() == null ? new HttpHeaders() : failure.getResponseHeaders();
            throw new LanguageModelException(NAME, failure.getStatusCode().value(),
                    RetryAfter.parse(headers.getFirst("retry-after-ms"), headers.getFirst(HttpHeaders.RETRY_AFTER),
                            clock.instant()),
                    "status " + failure.getStatusCode().value(), failure);
        } catch (ResourceAccessException failure) {
            throw new LanguageModelException(NAME, 0, null, "no response: " + failure.getMessage(), failure);
        } catch (RestClientException failure) {
            if (causedByIo(failure)) {
                // The body stopped arriving (read timeout): as slow as no answer, and not asked again.
                throw new LanguageModelException(NAME, 0, null, "no response: " + failure.getMessage(), failure);
            }
            // A 200 whose body is not JSON: the server is broken, not this request.
            throw new LanguageModelException(NAME, 502, null, "unreadable response: " + failure.getMessage(), failure);
        }
        JsonNode content = response == null ? null : response.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new LanguageModelException(NAME, 502, null, "response without choices[0].message.content", null);
        }
        return content.asText();
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }
}
