package io.musicaljourney.pathway.model;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code journey.pathways.*}: which provider answers pathways and narratives, and how to reach the models.
 *
 * @param provider {@code auto} (Anthropic when its key is set, else an OpenAI-compatible server when its URL is set,
 *                 else the offline catalog), {@code catalog}, {@code anthropic} or {@code openai}
 */
@ConfigurationProperties("journey.pathways")
public record PathwayModelProperties(String provider, Anthropic anthropic, OpenAi openai, Retry retry) {

    public PathwayModelProperties {
        provider = provider == null || provider.isBlank() ? "auto" : provider.strip().toLowerCase(java.util.Locale.ROOT);
        anthropic = anthropic == null ? new Anthropic(null, null, null, 0, null) : anthropic;
        openai = openai == null ? new OpenAi(null, null, null, 0, null, null) : openai;
        retry = retry == null ? new Retry(0, null, null) : retry;
    }

    public record Anthropic(String apiKey, String baseUrl, String model, int maxTokens, Duration timeout) {

        public Anthropic {
            baseUrl = blankTo(baseUrl, "https://api.anthropic.com");
            model = blankTo(model, "claude-sonnet-4-5");
            maxTokens = maxTokens <= 0 ? 2048 : maxTokens;
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        }

        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    /** An OpenAI-compatible server (Ollama, vLLM...); the key is optional because local servers rarely want one. */
    public record OpenAi(String baseUrl, String apiKey, String model, int maxTokens, Duration connectTimeout,
                         Duration timeout) {

        public OpenAi {
            model = blankTo(model, "llama3.1");
            maxTokens = maxTokens <= 0 ? 2048 : maxTokens;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        }

        public boolean configured() {
            return baseUrl != null && !baseUrl.isBlank();
        }
    }

    /**
     * @param maxAttempts   calls per question including the first, for 429, 5xx and 529 only
     * @param backoff       the first wait when the upstream names none (doubled each time)
     * @param maxRetryAfter the longest {@code Retry-After} worth waiting for; a longer one ends the attempts
     */
    public record Retry(int maxAttempts, Duration backoff, Duration maxRetryAfter) {

        public Retry {
            maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
            backoff = backoff == null ? Duration.ofMillis(500) : backoff;
            maxRetryAfter = maxRetryAfter == null ? Duration.ofSeconds(10) : maxRetryAfter;
        }
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
