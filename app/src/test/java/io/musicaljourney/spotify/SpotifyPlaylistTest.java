package io.musicaljourney.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.support.JourneyRequests;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SpotifyPlaylistTest extends SpotifyProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoHundredFiftyTracksBecomeAPrivatePlaylistFilledInBatchesOf100_100_50() throws IOException {
        String user = newUser();
        List<String> uris = IntStream.range(0, 250).mapToObj(i -> "spotify:track:" + newSpotifyId()).toList();

        var response = api.post("/api/spotify/create-playlist", FakeSpotify.tokenOf(user),
                Map.of("title", "Roots of Radiohead", "description", "From a journey", "trackUris", uris));

        assertThat(response.status()).isEqualTo(200);
        JsonNode playlist = response.json().path("playlist");
        assertThat(playlist.path("name").asText()).isEqualTo("Roots of Radiohead");
        assertThat(playlist.path("public").asBoolean(true)).as("private").isFalse();
        assertThat(playlist.path("owner").path("id").asText()).isEqualTo(user);

        RecordedRequest creation = spotify.requests("POST", "/v1/users/" + user + "/playlists").get(0);
        JsonNode sent = JSON.readTree(creation.getBody().clone().readUtf8());
        assertThat(sent.path("public").isBoolean()).isTrue();
        assertThat(sent.path("public").asBoolean()).isFalse();
        assertThat(sent.path("description").asText()).isEqualTo("From a journey");
        assertThat(creation.getHeader("Authorization")).isEqualTo("Bearer " + FakeSpotify.tokenOf(user));

        String playlistId = playlist.path("id").asText();
        List<RecordedRequest> additions = spotify.requests("POST", "/v1/playlists/" + playlistId + "/tracks");
        List<Integer> batchSizes = new ArrayList<>();
        for (RecordedRequest addition : additions) {
            batchSizes.add(JSON.readTree(addition.getBody().clone().readUtf8()).path("uris").size());
        }
        assertThat(batchSizes).containsExactly(100, 100, 50);
        assertThat(spotify.tracksOf(playlistId)).as("every track, in order").containsExactlyElementsOf(uris);
    }

    @Test
    void aJourneysSpotifyTracksBecomeThePlaylistAndItsOtherTracksAreSkipped() {
        String user = newUser();
        String token = FakeSpotify.tokenOf(user);
        String journeyId = api.post("/api/journeys", token, JourneyRequests.create("Delta blues and after"))
                .json().path("id").asText();
        String crossRoad = newSpotifyId();
        String hellhound = newSpotifyId();
        assertThat(api.post("/api/journeys/" + journeyId + "/tracks", token,
                JourneyRequests.track(crossRoad, "Cross Road Blues", JourneyRequests.START_ID)).status())
                .isEqualTo(200);
        assertThat(api.post("/api/journeys/" + journeyId + "/tracks", token,
                JourneyRequests.track("mjc-life-on-mars", "Life on Mars?", JourneyRequests.START_ID)).status())
                .as("a track of the offline catalog").isEqualTo(200);
        assertThat(api.post("/api/journeys/" + journeyId + "/tracks", token,
                JourneyRequests.track("spotify:track:" + hellhound, "Hellhound on My Trail",
                        JourneyRequests.START_ID)).status()).isEqualTo(200);

        var response = api.post("/api/spotify/create-playlist", token, Map.of("journeyId", journeyId));

        assertThat(response.status()).isEqualTo(200);
        JsonNode playlist = response.json().path("playlist");
        assertThat(playlist.path("name").asText()).as("the journey's title").isEqualTo("Delta blues and after");
        assertThat(playlist.path("public").asBoolean(true)).isFalse();
        assertThat(spotify.tracksOf(playlist.path("id").asText()))
                .containsExactly("spotify:track:" + crossRoad, "spotify:track:" + hellhound);
    }

    @Test
    void anUnknownJourneyOrSomebodyElsesIsNotFound() {
        String owner = newUser();
        String journeyId = api.post("/api/journeys", FakeSpotify.tokenOf(owner), JourneyRequests.create("Mine"))
                .json().path("id").asText();
        String stranger = FakeSpotify.tokenOf(newUser());

        var unknown = api.post("/api/spotify/create-playlist", stranger,
                Map.of("journeyId", UUID.randomUUID().toString()));
        var notAnId = api.post("/api/spotify/create-playlist", stranger, Map.of("journeyId", "nope"));
        var someoneElses = api.post("/api/spotify/create-playlist", stranger, Map.of("journeyId", journeyId));

        for (var response : List.of(unknown, notAnId, someoneElses)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().path("error").asText()).isEqualTo("Journey not found");
        }
    }

    @Test
    void withoutTitleOrJourneyTheRequestIsRefusedWithTheContractsMessage() {
        String user = newUser();

        var noTitle = api.post("/api/spotify/create-playlist", FakeSpotify.tokenOf(user),
                Map.of("trackUris", List.of("spotify:track:" + newSpotifyId())));
        var noBody = api.post("/api/spotify/create-playlist", FakeSpotify.tokenOf(user), null);

        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().path("error").asText()).isEqualTo("title is required (or provide journeyId)");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().path("error").asText()).isEqualTo("title is required (or provide journeyId)");
        assertThat(spotify.requests("POST", "/v1/users/" + user + "/playlists")).isEmpty();
    }

    @Test
    void withNoTracksNoPlaylistIsCreated() {
        String user = newUser();
        String token = FakeSpotify.tokenOf(user);
        String emptyJourney = api.post("/api/journeys", token, JourneyRequests.create("Nothing yet"))
                .json().path("id").asText();

        var noUris = api.post("/api/spotify/create-playlist", token, Map.of("title", "Empty", "trackUris", List.of()));
        var emptyJourneyExport = api.post("/api/spotify/create-playlist", token, Map.of("journeyId", emptyJourney));

        assertThat(noUris.status()).isEqualTo(400);
        assertThat(noUris.json().path("error").asText()).isEqualTo("No track URIs to add");
        assertThat(emptyJourneyExport.status()).isEqualTo(400);
        assertThat(emptyJourneyExport.json().path("error").asText()).isEqualTo("No track URIs to add");
        assertThat(spotify.requests("POST", "/v1/users/" + user + "/playlists")).isEmpty();
    }

    @Test
    void aMalformedTrackUriIsRefusedBeforeAnyPlaylistIsCreated() {
        String user = newUser();

        var response = api.post("/api/spotify/create-playlist", FakeSpotify.tokenOf(user),
                Map.of("title", "Mixed", "trackUris", List.of("spotify:track:" + newSpotifyId(), "not-a-uri")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("Invalid track URI: not-a-uri");
        assertThat(spotify.requests("POST", "/v1/users/" + user + "/playlists")).isEmpty();
    }

    @Test
    void spotifyRefusingThePlaylistAnswersItsStatusWithErrorAndDetails() {
        String user = newUser();
        spotify.script("POST", "/v1/users/" + user + "/playlists",
                FakeSpotify.error(403, "Insufficient client scope"));

        var response = api.post("/api/spotify/create-playlist", FakeSpotify.tokenOf(user),
                Map.of("title", "Needs scope", "trackUris", List.of("spotify:track:" + newSpotifyId())));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("error").asText()).isEqualTo("Insufficient client scope");
        assertThat(response.json().path("details").path("error").path("message").asText())
                .isEqualTo("Insufficient client scope");
        assertThat(spotify.requests("POST", "/v1/users/" + user + "/playlists")).as("a 4xx is never retried")
                .hasSize(1);
    }

    @Test
    void aFailureWhileAddingTracksSaysThePlaylistWasAlreadyCreated() {
        String user = newUser();
        List<String> uris = IntStream.range(0, 150).mapToObj(i -> "spotify:track:" + newSpotifyId()).toList();
        // The first batch goes in; the second is refused, as when the playlist is deleted in between.
        spotify.script("POST", "/v1/playlists/*", FakeSpotify.NORMALLY, FakeSpotify.error(404, "Not found."));

        var response = api.post("/api/spotify/create-playlist", FakeSpotify.tokenOf(user),
                Map.of("title", "Half done", "trackUris", uris));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asText())
                .isEqualTo("The playlist \"Half done\" was created, but adding tracks 101-150 failed: Not found.");
        assertThat(response.json().path("details").path("error").path("status").asInt()).isEqualTo(404);
        assertThat(spotify.requests("POST", "/v1/users/" + user + "/playlists")).hasSize(1);
    }
}
