package io.musicaljourney.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain HTTP client for tests: sends exactly what a browser would and never throws on 4xx/5xx. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public Response get(String path, String user) {
        return send("GET", path, user, null, Map.of());
    }

    public Response post(String path, String user, Object body) {
        return send("POST", path, user, body, Map.of());
    }

    public Response patch(String path, String user, Object body) {
        return send("PATCH", path, user, body, Map.of());
    }

    public Response put(String path, String user, Object body) {
        return send("PUT", path, user, body, Map.of());
    }

    public Response delete(String path, String user) {
        return send("DELETE", path, user, null, Map.of());
    }

    /**
     * @param user    the bearer token (the user id in local mode); null sends no Authorization header
     * @param body    a JSON string sent as is, any other object serialized with Jackson, or null for no body
     * @param headers extra request headers
     */
    public Response send(String method, String path, String user, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30));
            if (user != null) {
                request.header("Authorization", "Bearer " + user);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String text ? text : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        } catch (IOException | InterruptedException failure) {
            throw new IllegalStateException(method + " " + path + " failed", failure);
        }
    }

    /** Asserts a successful answer (200 to 204), for steps whose answer is not the point of a test. */
    public static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 204);
        return response;
    }

    public record Response(int status, HttpResponse<String> raw, String text) {

        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException notJson) {
                throw new IllegalStateException("Not JSON (" + status + "): " + text, notJson);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
