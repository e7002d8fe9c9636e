package io.musicaljourney.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local identities (the shared application of {@link IntegrationTest}): the bearer is a user id, not a Spotify
 * token, so nothing is asked of Spotify. Search answers from the offline catalog in Spotify's shape; the proxies
 * that only Spotify can answer say so.
 */
class SpotifySearchOfflineTest extends IntegrationTest {

    @Test
    void searchAnswersFromTheOfflineCatalogInSpotifysShape() {
        var response = api.get("/api/spotify/search?q=David%20Bowie&type=artist,track&limit=5", newUser());

        assertThat(response.status()).isEqualTo(200);
        JsonNode artists = response.json().path("artists");
        assertThat(artists.path("items").size()).isBetween(1, 5);
        assertThat(artists.path("items").path(0).path("name").asText()).isEqualTo("David Bowie");
        assertThat(artists.path("items").path(0).path("uri").asText()).doesNotStartWith("spotify:");
        assertThat(response.json().path("tracks").path("items").isArray()).isTrue();
        assertThat(response.json().has("albums")).as("only the types asked for").isFalse();
    }

    @Test
    void theFrontendsTrackLookupFindsACatalogTrackByTitleAndArtist() {
        var response = api.get("/api/spotify/search?q=" + "Life%20on%20Mars%3F%20artist%3ADavid%20Bowie"
                + "&type=track&limit=1", newUser());

        assertThat(response.status()).isEqualTo(200);
        JsonNode first = response.json().path("tracks").path("items").path(0);
        assertThat(first.path("name").asText()).isEqualTo("Life on Mars?");
        assertThat(first.path("artists").path(0).path("name").asText()).isEqualTo("David Bowie");
    }

    @Test
    void aMissingQueryIsRefusedOfflineToo() {
        var response = api.get("/api/spotify/search?type=track", newUser());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("Query parameter \"q\" is required");
    }

    @Test
    void artistsTracksAndPlaylistsSayThatSpotifyIsNotConnected() {
        String user = newUser();

        var artist = api.get("/api/spotify/artists/0oSGxfWSnnOXhD2fKuz2Gy", user);
        var playlist = api.post("/api/spotify/create-playlist", user,
                Map.of("title", "Offline", "trackUris", java.util.List.of("spotify:track:3ZE3wv8V3w2T2f7nOCjP0N")));

        assertThat(artist.status()).isEqualTo(503);
        assertThat(artist.json().path("error").asText()).contains("Spotify is not connected");
        assertThat(playlist.status()).isEqualTo(503);
        assertThat(playlist.json().path("error").asText()).contains("Spotify is not connected");
    }
}
