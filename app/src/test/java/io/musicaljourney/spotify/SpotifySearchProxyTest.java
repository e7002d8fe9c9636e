package io.musicaljourney.spotify;

import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SpotifySearchProxyTest extends SpotifyProxyTest {

    private static String query(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    @Test
    void searchForwardsTheUsersOwnTokenAndReturnsSpotifysJsonByteForByte() {
        String user = newUser();
        String q = "Life on Mars? artist:David Bowie " + UUID.randomUUID();
        String exactly = "{\"tracks\":{\"href\":\"https://api.spotify.com/v1/search?offset=0&limit=1\",\"items\":"
                + "[{\"uri\":\"spotify:track:3ZE3wv8V3w2T2f7nOCjP0N\",\"name\":\"Life on Mars? - 2015 Remaster\","
                + "\"artists\":[{\"name\":\"David Bowie\"}],\"album\":{\"name\":\"Hunky Dory\",\"images\":[{\"url\":"
                + "\"https://i.scdn.co/image/ab67616d0000b273\",\"height\":640,\"width\":640}]}}],"
                + "\"limit\":1,  \"next\":null,\"offset\":0,\"previous\":null,\"total\":1}}";
        spotify.script("GET", "/v1/search", FakeSpotify.json(200, exactly));

        var response = api.get("/api/spotify/search?q=" + query(q) + "&type=track&limit=1", FakeSpotify.tokenOf(user));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).as("Spotify's bytes, spacing included").isEqualTo(exactly);
        RecordedRequest sent = spotify.requests("GET", "/v1/search").stream()
                .filter(request -> q.equals(request.getRequestUrl().queryParameter("q"))).findFirst().orElseThrow();
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + FakeSpotify.tokenOf(user));
        assertThat(sent.getRequestUrl().queryParameter("type")).isEqualTo("track");
        assertThat(sent.getRequestUrl().queryParameter("limit")).isEqualTo("1");
    }

    @Test
    void theFrontendsTrackLookupReadsUriNameArtistAlbumAndImageOfTheFirstItem() {
        String user = newUser();
        String q = "Heroes artist:David Bowie & Brian Eno + friends " + UUID.randomUUID();

        var response = api.get("/api/spotify/search?q=" + query(q) + "&type=track&limit=1", FakeSpotify.tokenOf(user));

        assertThat(response.status()).isEqualTo(200);
        var first = response.json().path("tracks").path("items").path(0);
        assertThat(first.path("uri").asText()).startsWith("spotify:track:");
        assertThat(first.path("name").asText()).as("the whole query arrived, '&' and '+' included").startsWith(q);
        assertThat(first.path("artists").path(0).path("name").asText()).isNotBlank();
        assertThat(first.path("album").path("name").asText()).isNotBlank();
        assertThat(first.path("album").path("images").path(0).path("url").asText()).startsWith("https://");
    }

    @Test
    void withoutATypeAllFourKindsAreSearched() {
        String q = "kraftwerk " + UUID.randomUUID();

        var response = api.get("/api/spotify/search?q=" + query(q), FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("tracks", "artists", "albums", "playlists");
    }

    @Test
    void aMissingOrBlankQueryIsRefusedWithTheContractsMessage() {
        String token = FakeSpotify.tokenOf(newUser());

        var missing = api.get("/api/spotify/search?type=track", token);
        var blank = api.get("/api/spotify/search?q=%20%20&type=track", token);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").asText()).isEqualTo("Query parameter \"q\" is required");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("error").asText()).isEqualTo("Query parameter \"q\" is required");
    }

    @Test
    void searchWithoutABearerIsUnauthorizedAndNeverReachesSpotify() {
        String q = "no-token-" + UUID.randomUUID();

        var response = api.get("/api/spotify/search?q=" + query(q), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").asText()).isEqualTo("Unauthorized - No token provided");
        assertThat(spotify.requests("GET", "/v1/search"))
                .noneMatch(request -> q.equals(request.getRequestUrl().queryParameter("q")));
    }

    @Test
    void spotifysErrorsPassThroughWithItsStatusAndBody() {
        String token = FakeSpotify.tokenOf(newUser());

        var invalidLimit = api.get("/api/spotify/search?q=abba&type=track&limit=99", token);
        String forbidden =
                "{\"error\":{\"status\":403,\"message\":\"User not registered in the Developer Dashboard\"}}";
        spotify.script("GET", "/v1/search", FakeSpotify.json(403, forbidden));
        var refused = api.get("/api/spotify/search?q=abba&type=track", token);

        assertThat(invalidLimit.status()).isEqualTo(400);
        assertThat(invalidLimit.text()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"Invalid limit\"}}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).isEqualTo(forbidden);
    }

    @Test
    void aUsersSearchIsNeverServedFromAnotherUsersCall() {
        String alice = newUser();
        String bob = newUser();
        String q = "same words " + UUID.randomUUID();

        var forAlice = api.get("/api/spotify/search?q=" + query(q) + "&type=track", FakeSpotify.tokenOf(alice));
        var forBob = api.get("/api/spotify/search?q=" + query(q) + "&type=track", FakeSpotify.tokenOf(bob));
        var aliceAgain = api.get("/api/spotify/search?q=" + query(q) + "&type=track", FakeSpotify.tokenOf(alice));

        assertThat(forAlice.json().path("tracks").path("items").path(0).path("name").asText()).endsWith(alice + ")");
        assertThat(forBob.json().path("tracks").path("items").path(0).path("name").asText()).endsWith(bob + ")");
        assertThat(aliceAgain.text()).isEqualTo(forAlice.text());
        List<String> tokensSent = spotify.requests("GET", "/v1/search").stream()
                .filter(request -> q.equals(request.getRequestUrl().queryParameter("q")))
                .map(request -> request.getHeader("Authorization")).toList();
        assertThat(tokensSent).as("every search asked Spotify with the caller's own token").containsExactly(
                "Bearer " + FakeSpotify.tokenOf(alice), "Bearer " + FakeSpotify.tokenOf(bob),
                "Bearer " + FakeSpotify.tokenOf(alice));
    }
}
