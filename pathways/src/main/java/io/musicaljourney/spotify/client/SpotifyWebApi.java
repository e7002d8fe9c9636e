package io.musicaljourney.spotify.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Spotify Web API calls the proxies need, each made with the calling user's own access token (never a token
 * of the service or of another user: Spotify's answers, and its rate limits, belong to that user).
 *
 * <p>Every call goes through the {@code spotify} retry and circuit breaker (resilience4j). Only 429 and 5xx are
 * retried, at most {@code journey.spotify.retry.max-attempts - 1} times, waiting what Spotify's {@code Retry-After}
 * asks for when it is within {@code journey.spotify.retry.max-wait}; when Spotify asks for longer we stop at once
 * and tell our caller to come back then, rather than parking a request thread. Timeouts and junk are never retried:
 * waiting again for an upstream that just timed out is how retry storms start. Non-idempotent POSTs are retried
 * only on 429 and 503, which say the request was not processed; after a 500 a retry could create a second playlist.
 */
public class SpotifyWebApi {

    private static final Logger log = LoggerFactory.getLogger(SpotifyWebApi.class);

    /** Used when Spotify sends no {@code Retry-After}, or when it cannot be reached at all. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final RestClient http;
    private final ObjectMapper json;
    private final ObjectReader strictJson;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public SpotifyWebApi(RestClient http, ObjectMapper json, Retry retry, CircuitBreaker circuitBreaker) {
        this.http = http;
        this.json = json;
        // "{} trailing junk" is not JSON either.
        this.strictJson = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
    }

    /**
     * {@code GET /v1/search} with the given query parameters, answered as Spotify sent it, errors included, so the
     * proxy can pass them on. Only outages throw: {@link SpotifyUnavailableException} (429 after the retries, an
     * open circuit, no answer in time) and {@link SpotifyBadResponseException} (a success that is not JSON).
     */
    public SpotifyResponse search(String accessToken, Map<String, String> parameters) {
        return call(HttpMethod.GET, accessToken, uri -> {
            uri.path("/v1/search");
            // Values go in as URI variables, which RestClient encodes strictly: a '&' or '+' in a search stays text.
            parameters.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
            return uri.build(parameters);
        }, null);
    }

    /** {@code GET /v1/artists/{id}}: Spotify's artist object. */
    public JsonNode artist(String accessToken, String id) {
        return parse(successOrThrow(call(HttpMethod.GET, accessToken,
                uri -> uri.path("/v1/artists/{id}").build(id), null)));
    }

    /** {@code GET /v1/tracks/{id}}: Spotify's track object. */
    public JsonNode track(String accessToken, String id) {
        return parse(successOrThrow(call(HttpMethod.GET, accessToken,
                uri -> uri.path("/v1/tracks/{id}").build(id), null)));
    }

    /** {@code POST /v1/users/{userId}/playlists} with {@code public: false}: Spotify's new playlist object. */
    public JsonNode createPrivatePlaylist(String accessToken, String userId, String name, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("public", false);
        if (description != null) {
            body.put("description", description);
        }
        SpotifyResponse created = successOrThrow(call(HttpMethod.POST, accessToken,
                uri -> uri.path("/v1/users/{userId}/playlists").build(userId), body));
        return parse(created);
    }

    /** {@code POST /v1/playlists/{id}/tracks}: appends at most 100 URIs (Spotify's limit per request). */
    public JsonNode addTracks(String accessToken, String playlistId, List<String> uris) {
        if (uris.size() > 100) {
            throw new IllegalArgumentException("Spotify takes at most 100 tracks per request, not " + uris.size());
        }
        SpotifyResponse added = successOrThrow(call(HttpMethod.POST, accessToken,
                uri -> uri.path("/v1/playlists/{id}/tracks").build(playlistId), Map.of("uris", uris)));
        return parse(added);
    }

    private SpotifyResponse call(HttpMethod method, String accessToken, Function<UriBuilder, URI> uri, Object body) {
        Supplier<SpotifyResponse> attempt = () -> exchange(method, accessToken, uri, body);
        Supplier<SpotifyResponse> guarded =
                Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, attempt));
        SpotifyResponse response;
        try {
            response = guarded.get();
        } catch (CallNotPermittedException open) {
            throw new SpotifyUnavailableException("Spotify is failing; requests to it are paused, try again shortly",
                    pauseAfterFailures(), open);
        } catch (ResourceAccessException unreachable) {
            log.warn("Spotify {} did not answer: {}", method, unreachable.getMessage());
            throw new SpotifyUnavailableException("Spotify did not answer in time, try again shortly",
                    DEFAULT_RETRY_AFTER, unreachable);
        }
        if (response.status().value() == 429) {
            throw new SpotifyUnavailableException("Spotify is rate limiting requests, try again later",
                    response.retryAfter().orElse(DEFAULT_RETRY_AFTER), null);
        }
        return response;
    }

    /** How long the open circuit stays open: the most a caller should wait before trying again. */
    private Duration pauseAfterFailures() {
        Long millis = circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        return millis == null || millis <= 0 ? DEFAULT_RETRY_AFTER : Duration.ofMillis(millis);
    }

    private SpotifyResponse exchange(HttpMethod method, String accessToken, Function<UriBuilder, URI> uri,
                                     Object body) {
        RestClient.RequestBodySpec request = http.method(method).uri(uri)
                .headers(headers -> headers.setBearerAuth(accessToken))
                .accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((sent, answer) -> {
            byte[] bytes = answer.getBody().readAllBytes();
            SpotifyResponse response = new SpotifyResponse(method, answer.getStatusCode(), bytes,
                    retryAfter(answer.getHeaders()));
            if (response.successful() && bytes.length > 0) {
                // Inside the attempt, so the circuit breaker counts junk as a failure of Spotify's.
                requireJson(response);
            }
            return response;
        });
    }

    private void requireJson(SpotifyResponse response) {
        try {
            strictJson.readTree(response.body());
        } catch (IOException junk) {
            log.warn("Spotify answered {} with a body that is not JSON", response.status().value());
            throw new SpotifyBadResponseException("Spotify sent an unreadable response", junk);
        }
    }

    private SpotifyResponse successOrThrow(SpotifyResponse response) {
        if (response.successful()) {
            return response;
        }
        JsonNode details = detailsOf(response);
        throw new SpotifyApiException(response.status(), messageOf(details, response.status()), details);
    }

    private JsonNode parse(SpotifyResponse response) {
        try {
            return response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException unreachable) {
            throw new SpotifyBadResponseException("Spotify sent an unreadable response", unreachable);
        }
    }

    /** Spotify's error body as JSON, or its text as a JSON string when it is not JSON (a proxy's HTML page, say). */
    public JsonNode detailsOf(SpotifyResponse response) {
        try {
            JsonNode body = strictJson.readTree(response.body());
            if (body != null && !body.isMissingNode()) {
                return body;
            }
        } catch (IOException notJson) {
            // fall through to the text
        }
        return json.getNodeFactory().textNode(response.text());
    }

    /** Spotify's errors read {@code {"error":{"status":404,"message":"Resource not found"}}}. */
    public static String messageOf(JsonNode details, HttpStatusCode status) {
        JsonNode message = details == null ? null : details.path("error").path("message");
        if (message != null && message.isTextual() && !message.asText().isBlank()) {
            return message.asText();
        }
        JsonNode error = details == null ? null : details.path("error");
        if (error != null && error.isTextual() && !error.asText().isBlank()) {
            return error.asText(); // the accounts service's OAuth shape: {"error":"invalid_token", ...}
        }
        return "Spotify answered " + status.value();
    }

    /** Seconds, as Spotify sends it; an HTTP date is accepted too. Anything else counts as absent. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The {@code spotify} retry: see the class comment for what is retried and how long it waits. */
    public static RetryConfig retryConfig(SpotifyProperties.Retry settings) {
        Duration cap = settings.maxWait();
        IntervalBiFunction<SpotifyResponse> wait = (attempt, outcome) -> {
            Duration backoff = settings.backoff().multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 10));
            Duration asked = outcome.isRight() ? outcome.get().retryAfter().orElse(backoff) : backoff;
            return Math.min(asked.toMillis(), cap.toMillis());
        };
        return RetryConfig.<SpotifyResponse>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnResult(response -> worthRetrying(response, cap))
                .retryOnException(failure -> false)
                .intervalBiFunction(wait)
                .failAfterMaxAttempts(false)
                .build();
    }

    static boolean worthRetrying(SpotifyResponse response, Duration cap) {
        int status = response.status().value();
        boolean retryable = status == 429 || status == 503
                || (status >= 500 && response.method() == HttpMethod.GET);
        // Spotify asking us to stay away longer than we may hold a request: give up now, pass its Retry-After on.
        return retryable && response.retryAfter().map(asked -> asked.compareTo(cap) <= 0).orElse(true);
    }

    /** The {@code spotify} circuit breaker: outages (5xx, 429, timeouts, junk) count; a user's 4xx does not. */
    public static CircuitBreakerConfig circuitBreakerConfig(SpotifyProperties.CircuitBreaker settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .recordResult(result -> result instanceof SpotifyResponse response
                        && (response.status().is5xxServerError() || response.status().value() == 429))
                .recordExceptions(ResourceAccessException.class, SpotifyBadResponseException.class)
                .build();
    }
}
