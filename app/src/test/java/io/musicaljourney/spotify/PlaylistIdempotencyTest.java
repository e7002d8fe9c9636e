package io.musicaljourney.spotify;

import io.musicaljourney.support.Api.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on the playlist export: "Save to Spotify" clicked twice makes one playlist. */
class PlaylistIdempotencyTest extends SpotifyProxyTest {

    @Test
    void aPlaylistExportedTwiceWithOneKeyIsCreatedOnceAndAnsweredTwice() {
        String user = newUser();
        String token = FakeSpotify.tokenOf(user);
        Map<String, Object> body = Map.of("title", "Once only",
                "trackUris", List.of("spotify:track:" + newSpotifyId()));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Response first = api.send("POST", "/api/spotify/create-playlist", token, body, key);
        Response second = api.send("POST", "/api/spotify/create-playlist", token, body, key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(spotify.requests("POST", "/v1/users/" + user + "/playlists")).hasSize(1);
    }
}
