package io.musicaljourney.pathway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The exploration routes over HTTP on the embedded default: the offline catalog answers, behind the cache. */
class PathwayRoutesTest extends IntegrationTest {

    @Autowired
    private ObjectMapper json;

    private static final Set<String> TYPES = Set.of("influences", "legacy", "collaborators", "contemporaries",
            "genre_connections");

    private static Map<String, Object> node(String type, String id, String name) {
        return Map.of("nodeType", type, "nodeId", id, "nodeName", name,
                "context", Map.of("previousNodes", List.of()));
    }

    @Test
    void generatePathwaysAnswersTheFrontendsShapeWithRateLimitHeaders() {
        Response response = api.post("/api/ai/generate-pathways", newUser(),
                node("artist", "mjc-the-beatles", "The Beatles"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode pathways = response.json().get("pathways");
        assertThat(pathways.size()).isBetween(3, 5);
        Set<String> seen = new HashSet<>();
        for (JsonNode pathway : pathways) {
            assertThat(TYPES).contains(pathway.get("type").asText());
            assertThat(seen.add(pathway.get("type").asText())).isTrue();
            assertThat(pathway.get("title").asText()).isNotBlank();
            assertThat(pathway.get("nodes").size()).isBetween(2, 4);
            for (JsonNode node : pathway.get("nodes")) {
                assertThat(node.get("nodeType").asText()).isIn("artist", "genre");
                assertThat(node.get("nodeId").asText()).isNotBlank();
                assertThat(node.get("nodeName").asText()).isNotBlank();
                assertThat(node.get("description").asText()).isNotBlank();
                assertThat(node.get("representativeTrackTitles").size()).isLessThanOrEqualTo(5);
                if (node.get("nodeType").asText().equals("genre")) {
                    assertThat(node.get("nodeId").asText()).matches("[a-z0-9]+(-[a-z0-9]+)*");
                }
            }
        }
        assertThat(seen).contains("genre_connections").doesNotContain("genre");
        assertThat(response.header("X-RateLimit-Remaining")).matches("\\d+");
        assertThat(Long.parseLong(response.header("X-RateLimit-Reset"))).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void theSameNodeAskedTwiceGivesTheSameCachedAnswerWhateverTheHistory() {
        Response first = api.post("/api/ai/generate-pathways", newUser(), node("genre", "delta-blues", "Delta Blues"));
        Response second = api.post("/api/ai/generate-pathways", newUser(), Map.of("nodeType", "genre",
                "nodeId", "delta-blues", "nodeName", "Delta Blues",
                "context", Map.of("previousNodes", List.of(Map.of("name", "Robert Johnson")))));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM journey_nodes_cache WHERE cache_key = ?",
                Integer.class, "pathway:genre:delta-blues");
        assertThat(rows).isEqualTo(1);
    }

    /** Rendered once per cached value, the body is still exactly its pathways as the frontend reads them. */
    @Test
    void aCachedAnswerIsItsPathwaysWrittenAsJsonInTheFrontendsShape() throws Exception {
        Response first = api.get("/api/pathways/artist/mjc-led-zeppelin?name=Led%20Zeppelin", null);
        Response cached = api.get("/api/pathways/artist/mjc-led-zeppelin?name=Led%20Zeppelin", null);

        String stored = jdbc.queryForObject("SELECT node_data::text FROM journey_nodes_cache WHERE cache_key = ?",
                String.class, "pathway:artist:mjc-led-zeppelin");
        Pathways pathways = json.readValue(stored, Pathways.class);
        assertThat(cached.status()).as(cached.toString()).isEqualTo(200);
        assertThat(cached.header("Content-Type")).isEqualTo("application/json");
        assertThat(cached.text()).isEqualTo(first.text())
                .isEqualTo(json.writeValueAsString(PathwayResponses.PathwaysBody.of(pathways)));
    }

    @Test
    void aClientThatAcceptsNoJsonIsAnswered406() {
        Response response = api.send("GET", "/api/pathways/artist/mjc-nirvana?name=Nirvana", null, null,
                Map.of("Accept", "application/xml"));

        assertThat(response.status()).as(response.toString()).isEqualTo(406);
    }

    @Test
    void ourOwnRouteServesTheSameContentAndAllowsAnonymousCallers() {
        Response contract = api.post("/api/ai/generate-pathways", newUser(), node("artist", "mjc-nirvana", "Nirvana"));
        Response own = api.get("/api/pathways/artist/mjc-nirvana?name=Nirvana", null);

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json()).isEqualTo(contract.json());
        assertThat(own.header("X-RateLimit-Remaining")).matches("\\d+");
        assertThat(api.get("/api/pathways/playlist/x", null).status()).isEqualTo(400);
    }

    @Test
    void unknownNodesStillGetPathwaysFromTheCatalog() {
        Response response = api.post("/api/ai/generate-pathways", newUser(),
                node("album", "4LH4d3cOWNNsVw41Gqt2kv", "The Dark Side of the Moon"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("pathways").size()).isBetween(3, 5);
    }

    @Test
    void missingFieldsAnswerTheContractsMessages() {
        Response pathways = api.post("/api/ai/generate-pathways", newUser(), Map.of("nodeType", "artist",
                "nodeId", "x"));
        assertThat(pathways.status()).isEqualTo(400);
        assertThat(pathways.json().get("error").asText()).isEqualTo("nodeType, nodeId, and nodeName are required");

        Response narrative = api.post("/api/ai/generate-narrative", newUser(), Map.of("fromNode",
                Map.of("id", "mjc-nirvana", "name", "Nirvana")));
        assertThat(narrative.status()).isEqualTo(400);
        assertThat(narrative.json().get("error").asText()).isEqualTo("fromNode and toNode are required");
    }

    @Test
    void theContractRoutesRequireABearer() {
        Response response = api.post("/api/ai/generate-pathways", null, node("artist", "mjc-nirvana", "Nirvana"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("Unauthorized - No token provided");
    }

    @Test
    void generateNarrativeAcceptsBothSpellingsAndAnswersTheContractsShape() {
        Response response = api.post("/api/ai/generate-narrative", newUser(), Map.of(
                "fromNode", Map.of("id", "mjc-robert-johnson", "name", "Robert Johnson", "type", "artist"),
                "toNode", Map.of("nodeId", "mjc-the-rolling-stones", "nodeName", "The Rolling Stones",
                        "nodeType", "artist"),
                "connectionType", "legacy"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        int words = body.get("narrative").asText().split("\\s+").length;
        assertThat(words).isBetween(150, 200);
        assertThat(body.get("keyPoints").isArray()).isTrue();
        assertThat(body.has("year")).isTrue();
        assertThat(body.get("sources").get(0).asText()).startsWith("Offline catalog: ");
        assertThat(response.header("X-RateLimit-Reset")).matches("\\d+");
    }

    @Test
    void aNarrativeSentWithoutTextIsWrittenByTheServiceAndRecordedAsAFact() {
        String alice = newUser();
        String id = api.post("/api/journeys", alice, Map.of("title", "Blues roots", "startingNodeType", "artist",
                "startingNodeId", "mjc-robert-johnson", "startingNodeName", "Robert Johnson")).json().get("id").asText();
        assertThat(api.post("/api/journeys/" + id + "/visits", alice, Map.of("nodeId", "mjc-the-rolling-stones",
                "nodeType", "artist", "nodeName", "The Rolling Stones", "pathwayType", "legacy",
                "parentNodeId", "mjc-robert-johnson")).status()).isEqualTo(200);

        Response recorded = api.post("/api/journeys/" + id + "/narratives", alice, Map.of(
                "fromNodeId", "mjc-robert-johnson", "fromNodeName", "Robert Johnson",
                "toNodeId", "mjc-the-rolling-stones", "toNodeName", "The Rolling Stones",
                "pathwayType", "legacy"));

        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        JsonNode narrative = api.get("/api/journeys/" + id, alice).json().get("journey").get("narratives").get(0);
        String cached = api.post("/api/ai/generate-narrative", alice, Map.of(
                "fromNode", Map.of("id", "mjc-robert-johnson", "name", "Robert Johnson"),
                "toNode", Map.of("id", "mjc-the-rolling-stones", "name", "The Rolling Stones"),
                "connectionType", "legacy")).json().get("narrative").asText();
        assertThat(narrative.get("narrative").asText()).isEqualTo(cached).contains("Robert Johnson");
        assertThat(narrative.get("pathwayType").asText()).isEqualTo("legacy");
    }
}
