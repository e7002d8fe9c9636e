package io.musicaljourney.spotify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpotifyCatalogProxyTest extends SpotifyProxyTest {

    @Test
    void anArtistIsFetchedOnceAndThenServedFromTheSharedCacheToEveryUser() {
        String id = newSpotifyId();

        var first = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));
        var again = api.get("/api/spotify/artists/" + id, FakeSpotify.tokenOf(newUser()));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).isEqualTo(FakeSpotify.artist(id));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(spotify.requests("GET", "/v1/artists/" + id)).hasSize(1);
    }

    @Test
    void aTrackIsFetchedOnceAndThenServedFromTheCache() {
        String id = newSpotifyId();
        String token = FakeSpotify.tokenOf(newUser());

        var first = api.get("/api/spotify/tracks/" + id, token);
        var again = api.get("/api/spotify/tracks/" + id, token);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).isEqualTo(FakeSpotify.track(id));
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(spotify.requests("GET", "/v1/tracks/" + id)).hasSize(1);
        assertThat(spotify.requests("GET", "/v1/tracks/" + id).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + token);
    }

    @Test
    void spotifysRefusalCarriesItsStatusMessageAndDetailsAndIsNotCached() {
        String id = newSpotifyId();
        String token = FakeSpotify.tokenOf(newUser());
        spotify.script("GET", "/v1/artists/" + id, FakeSpotify.error(404, "Resource not found"));

        var missing = api.get("/api/spotify/artists/" + id, token);
        var later = api.get("/api/spotify/artists/" + id, token);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("Resource not found");
        assertThat(missing.json().path("details").path("error").path("status").asInt()).isEqualTo(404);
        assertThat(later.status()).as("a refusal is not remembered").isEqualTo(200);
        assertThat(spotify.requests("GET", "/v1/artists/" + id)).hasSize(2);
    }

    @Test
    void anIdThatIsNotASpotifyIdIsRefusedWithoutAskingSpotify() {
        var response = api.get("/api/spotify/tracks/not-a:spotify-id", FakeSpotify.tokenOf(newUser()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("Invalid Spotify id");
        assertThat(spotify.requestsUnder("GET", "/v1/tracks/not-a")).isEmpty();
    }

    @Test
    void artistsAndTracksNeedABearer() {
        var response = api.get("/api/spotify/artists/" + newSpotifyId(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").asText()).isEqualTo("Unauthorized - No token provided");
    }
}
