package io.musicaljourney.spotify.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.common.UserId;
import io.musicaljourney.spotify.client.SpotifyAvailability;
import io.musicaljourney.spotify.playlist.PlaylistExporter;
import io.musicaljourney.spotify.playlist.PlaylistRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** {@code POST /api/spotify/create-playlist}: a private playlist of the caller's, from tracks or from a journey. */
@RestController
@RequestMapping("/api/spotify")
@Tag(name = "Spotify proxies")
class SpotifyPlaylistController {

    private final PlaylistExporter exporter;
    private final SpotifyAvailability availability;

    SpotifyPlaylistController(PlaylistExporter exporter, SpotifyAvailability availability) {
        this.exporter = exporter;
        this.availability = availability;
    }

    @PostMapping("/create-playlist")
    @Operation(summary = "Create a private Spotify playlist from trackUris, or from a journey's tracks")
    Map<String, JsonNode> createPlaylist(@Parameter(hidden = true) UserId user,
                                         @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION)
                                         String authorization,
                                         @RequestBody(required = false) PlaylistRequest request) {
        PlaylistRequest playlist = request == null ? new PlaylistRequest(null, null, null, null) : request;
        // A request that could never succeed is the caller's mistake on any instance: 400 before the 503.
        exporter.check(playlist);
        if (!availability.enabled()) {
            throw new SpotifyRouteException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Spotify is not connected on this instance (local identities)");
        }
        return Map.of("playlist", exporter.export(user, AccessToken.from(authorization), playlist));
    }
}
