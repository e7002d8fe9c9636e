package io.musicaljourney.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.support.Api.Response;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.support.JourneyRequests.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit of shared journeys: who shared, rotated and revoked a link and when, with token fingerprints only, what
 * changed while a link worked, and how often links were opened, for the owner and administrators.
 */
class JourneyAuditRoutesTest extends IntegrationTest {

    private final String alice = newUser();

    @Test
    void theAuditListsSharesRotationsRevocationsAndChangesWhilePublicWithFingerprintsOnly() {
        String id = start();
        ok(api.post("/api/journeys/" + id + "/visits", alice, JourneyRequests.visit("mjc-son-house", "Son House",
                START_ID)));
        String first = token(ok(api.send("POST", "/api/journeys/" + id + "/share", alice, null,
                Map.of("X-Request-Id", "req-share", "X-Client", "all-ears-web/1.4"))));
        ok(api.post("/api/journeys/" + id + "/visits", alice, JourneyRequests.visit("mjc-charley-patton",
                "Charley Patton", "mjc-son-house")));
        String second = token(ok(api.post("/api/journeys/" + id + "/share/rotate", alice, null)));
        ok(api.post("/api/journeys/" + id + "/tracks", alice,
                JourneyRequests.track("pony-blues", "Pony Blues", "mjc-charley-patton")));
        ok(api.delete("/api/journeys/" + id + "/share", alice));
        ok(api.put("/api/journeys/" + id + "/title", alice, Map.of("title", "Private again")));

        Response audit = api.get("/api/journeys/" + id + "/audit", alice);

        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        JsonNode body = audit.json();
        assertThat(body.get("shared").asBoolean()).isFalse();
        assertThat(actions(body)).containsExactly("shared", "changed_while_public:NodeVisited", "rotated",
                "changed_while_public:TrackAdded", "revoked");
        JsonNode shared = body.get("entries").get(0);
        assertThat(shared.get("tokenFingerprint").asText()).isEqualTo(fingerprint(first));
        assertThat(shared.get("by").asText()).isEqualTo(alice);
        assertThat(shared.get("requestId").asText()).isEqualTo("req-share");
        assertThat(shared.get("client").asText()).isEqualTo("all-ears-web/1.4");
        JsonNode rotated = body.get("entries").get(2);
        assertThat(rotated.get("previousTokenFingerprint").asText()).isEqualTo(fingerprint(first));
        assertThat(rotated.get("tokenFingerprint").asText()).isEqualTo(fingerprint(second));
        assertThat(body.get("entries").get(4).get("tokenFingerprint").asText()).isEqualTo(fingerprint(second));
        JsonNode periods = body.get("sharePeriods");
        assertThat(periods).hasSize(2);
        assertThat(periods.get(0).get("tokenFingerprint").asText()).isEqualTo(fingerprint(first));
        assertThat(periods.get(0).get("endedHow").asText()).isEqualTo("rotated");
        assertThat(periods.get(0).get("changesWhilePublic").asInt()).isEqualTo(1);
        assertThat(periods.get(1).get("endedHow").asText()).isEqualTo("revoked");
        assertThat(periods.get(1).get("endedBy").asText()).isEqualTo(alice);
        assertThat(audit.text()).doesNotContain(first, second, "Private again");
    }

    @Test
    void sharedLinkOpensAreCountedPerShareWithoutKeepingAnythingAboutReaders() {
        String id = start();
        String first = token(ok(api.post("/api/journeys/" + id + "/share", alice, null)));
        for (int i = 0; i < 3; i++) {
            assertThat(api.send("GET", "/api/journeys/shared/" + first, "reader-" + i, null,
                    Map.of("User-Agent", "reader-agent/" + i)).status()).isEqualTo(200);
        }
        String second = token(ok(api.post("/api/journeys/" + id + "/share/rotate", alice, null)));
        assertThat(api.get("/api/journeys/shared/" + first, null).status()).isEqualTo(404);
        assertThat(api.get("/api/journeys/shared/" + second, null).status()).isEqualTo(200);
        assertThat(api.get("/api/journeys/shared/" + second, null).status()).isEqualTo(200);

        JsonNode audit = ok(api.get("/api/journeys/" + id + "/audit", alice)).json();

        assertThat(audit.get("shared").asBoolean()).isTrue();
        assertThat(audit.get("linkOpens").get("total").asLong()).isEqualTo(5);
        assertThat(audit.get("linkOpens").get("byDay")).hasSize(1);
        assertThat(audit.get("sharePeriods").get(0).get("opens").asLong()).isEqualTo(3);
        assertThat(audit.get("sharePeriods").get(1).get("opens").asLong()).isEqualTo(2);
        assertThat(audit.get("sharePeriods").get(1).has("endedHow")).isFalse();
        String stored = jdbc.queryForList("SELECT * FROM shared_link_opens WHERE journey_id = ?::uuid", id)
                .toString();
        assertThat(stored).doesNotContain(first, second, "reader-", "127.0.0.1");
    }

    @Test
    void administratorsMayAuditAnyJourneyAndEveryoneElseGetsTheAnswerOfAnUnknownOne() {
        String id = start();
        ok(api.post("/api/journeys/" + id + "/share", alice, null));
        String unknown = java.util.UUID.randomUUID().toString();

        for (String route : List.of("/audit", "/audit/verify")) {
            Response stranger = api.get("/api/journeys/" + id + route, newUser());
            Response missing = api.get("/api/journeys/" + unknown + route, newUser());
            assertThat(stranger.status()).isEqualTo(404);
            assertThat(stranger.text().replace(id, "{id}")).isEqualTo(missing.text().replace(unknown, "{id}"));
            assertThat(api.get("/api/journeys/" + id + route, null).status()).isEqualTo(401);
            assertThat(api.get("/api/journeys/" + id + route, ADMIN).status()).isEqualTo(200);
            assertThat(api.get("/api/journeys/" + id + route, alice).status()).isEqualTo(200);
        }
    }

    @Test
    void aBrowserIsRecordedAsABrowserAndNothingMoreOfItsAgent() {
        String id = start();
        String agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
        ok(api.send("POST", "/api/journeys/" + id + "/share", alice, null, Map.of("User-Agent", agent)));

        Response audit = ok(api.get("/api/journeys/" + id + "/audit", alice));

        assertThat(audit.json().get("entries").get(0).get("client").asText()).isEqualTo("browser");
        String metadata = jdbc.queryForObject("SELECT string_agg(convert_from(meta_data, 'UTF8'), ' ') "
                + "FROM domain_event_entry WHERE aggregate_identifier = ?", String.class, id);
        assertThat(metadata).doesNotContain("X11", "Chrome", "AppleWebKit");
    }

    private String start() {
        Response created = api.post("/api/journeys", alice, JourneyRequests.create("Delta blues"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static String token(Response response) {
        return response.json().get("shareToken").asText();
    }

    private static String fingerprint(String token) {
        return ShareToken.of(token).fingerprint();
    }

    private static List<String> actions(JsonNode audit) {
        List<String> actions = new ArrayList<>();
        audit.get("entries").forEach(entry -> actions.add(entry.get("action").asText()
                + (entry.get("action").asText().equals("changed_while_public") ? ":" + entry.get("event").asText()
                : "")));
        return actions;
    }
}
