package io.musicaljourney.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/*.json}) against the running service: every case must
 * be answered with its expected 4xx as a problem document carrying the frontend's {@code error}, and must leave
 * the database exactly as it was. See docs/reliability.md for the case format.
 */
class BadInputCorpusTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code <<repeat N|TEXT>>} in a body: TEXT N times ({@code {#}} in it numbers the copies from 0). */
    private static final Pattern REPEAT = Pattern.compile("<<repeat (\\d+)\\|(.*?)>>", Pattern.DOTALL);

    @Test
    void everyBadInputIsAClientErrorWithAProblemBodyAndChangesNothing() throws Exception {
        String owner = newUser();
        Map<String, String> values = fixtures(owner);
        List<JsonNode> cases = corpus();
        RawHttp http = new RawHttp("http://127.0.0.1:" + port);
        DatabaseFingerprint database = new DatabaseFingerprint(jdbc);

        List<String> failures = new ArrayList<>();
        String before = database.settled();
        for (JsonNode corpusCase : cases) {
            String failure = run(http, corpusCase, owner, values);
            String after = database.take();
            if (failure == null && !after.equals(before)) {
                failure = "changed the database";
            }
            if (failure != null) {
                failures.add(corpusCase.path("file").asText() + " / " + corpusCase.path("name").asText() + ": "
                        + failure);
                before = database.settled();
            }
        }

        System.out.printf("Bad input corpus: %d cases run, %d failures%n", cases.size(), failures.size());
        failures.forEach(failure -> System.out.println("  FAILED " + failure));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
        assertThat(failures).isEmpty();
    }

    /** A journey of the owner's with one visit, and the token of a shared journey. */
    private Map<String, String> fixtures(String owner) {
        Response created = api.post("/api/journeys", owner, JourneyRequests.create("Corpus target"));
        String journey = created.json().get("id").asText();
        api.post("/api/journeys/" + journey + "/visits", owner,
                JourneyRequests.visit("mjc-son-house", "Son House", JourneyRequests.START_ID));
        Response shared = api.post("/api/journeys/" + journey + "/share", owner, null);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{journey}", journey);
        values.put("{token}", shared.json().get("shareToken").asText());
        values.put("{unknownId}", UUID.randomUUID().toString());
        return values;
    }

    private static List<JsonNode> corpus() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:bad-input/*.json");
        assertThat(files).isNotEmpty();
        List<JsonNode> cases = new ArrayList<>();
        for (Resource file : files) {
            for (JsonNode corpusCase : JSON.readTree(file.getInputStream())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) corpusCase).put("file", file.getFilename());
                cases.add(corpusCase);
            }
        }
        return cases;
    }

    /** @return why the case failed, or null */
    private String run(RawHttp http, JsonNode corpusCase, String owner, Map<String, String> values) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (corpusCase.path("as").asText("owner")) {
            case "owner" -> headers.put("Authorization", "Bearer " + owner);
            case "admin" -> headers.put("Authorization", "Bearer " + ADMIN);
            case "stranger" -> headers.put("Authorization", "Bearer " + newUser());
            case "anonymous" -> { }
            default -> throw new IllegalArgumentException("Unknown caller in " + corpusCase);
        }
        if (corpusCase.hasNonNull("contentType")) {
            headers.put("Content-Type", corpusCase.get("contentType").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = corpusCase.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.put(header.getKey(), fill(header.getValue().asText(), values));
        }
        byte[] body = null;
        if (corpusCase.has("bodyBase64")) {
            body = Base64.getDecoder().decode(corpusCase.get("bodyBase64").asText());
        } else if (corpusCase.has("body")) {
            body = expand(fill(corpusCase.get("body").asText(), values)).getBytes(StandardCharsets.UTF_8);
        }
        String path = fill(corpusCase.get("path").asText(), values);
        HttpResponse<String> response;
        try {
            response = http.send(corpusCase.get("method").asText(), path, headers, body);
        } catch (IOException | InterruptedException | IllegalArgumentException failure) {
            return "no answer: " + failure;
        }
        return check(corpusCase, response);
    }

    private static String check(JsonNode corpusCase, HttpResponse<String> response) {
        int status = response.statusCode();
        String summary = status + " " + abbreviate(response.body());
        if (status < 400 || status > 499) {
            return "not a client error: " + summary;
        }
        if (status != corpusCase.get("expect").asInt()) {
            return "expected " + corpusCase.get("expect").asInt() + ", got " + summary;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "Content-Type '" + type + "': " + summary;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (IOException notJson) {
            return "body is not JSON: " + summary;
        }
        if (!problem.path("error").isTextual() || problem.path("error").asText().isBlank()
                || problem.path("status").asInt() != status) {
            return "not the service's error shape: " + summary;
        }
        if (corpusCase.has("error") && !problem.get("error").asText().contains(corpusCase.get("error").asText())) {
            return "error should mention '" + corpusCase.get("error").asText() + "': " + summary;
        }
        return null;
    }

    private static String fill(String text, Map<String, String> values) {
        String filled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    private static String expand(String body) {
        Matcher repeat = REPEAT.matcher(body);
        StringBuilder expanded = new StringBuilder();
        while (repeat.find()) {
            StringBuilder copies = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(repeat.group(1)); i++) {
                copies.append(repeat.group(2).replace("{#}", Integer.toString(i)));
            }
            repeat.appendReplacement(expanded, Matcher.quoteReplacement(copies.toString()));
        }
        repeat.appendTail(expanded);
        return expanded.toString();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
