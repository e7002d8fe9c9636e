package io.musicaljourney.spotify.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.common.UserId;
import io.musicaljourney.pathway.cache.CacheEntry;
import io.musicaljourney.pathway.cache.ExplorationCache;
import io.musicaljourney.spotify.client.SpotifyAvailability;
import io.musicaljourney.spotify.client.SpotifyWebApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.regex.Pattern;

/**
 * {@code GET /api/spotify/artists/{id}} and {@code /tracks/{id}}: Spotify's objects, cached 24 hours under the
 * design's {@code spotify:artist:{id}} / {@code spotify:track:{id}} keys. Unlike search these are the same for every
 * user (no market is passed), so one user's fetch may serve the next; the caller's token is still the one used on
 * a miss, so every user needs a valid token to read them.
 */
@RestController
@RequestMapping("/api/spotify")
@Tag(name = "Spotify proxies")
class SpotifyCatalogController {

    /** Spotify ids are base62; anything else would only pollute the cache's key space (and Spotify answers 400). */
    private static final Pattern SPOTIFY_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final SpotifyWebApi spotify;
    private final ExplorationCache cache;
    private final SpotifyAvailability availability;

    SpotifyCatalogController(SpotifyWebApi spotify, ExplorationCache cache, SpotifyAvailability availability) {
        this.spotify = spotify;
        this.cache = cache;
        this.availability = availability;
    }

    @GetMapping("/artists/{id}")
    @Operation(summary = "Spotify's artist object, cached for 24 hours")
    JsonNode artist(@Parameter(hidden = true) UserId user,
                    @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                    @PathVariable String id) {
        requireUsable(id);
        String token = AccessToken.from(authorization);
        return cache.getOrLoad(CacheEntry.spotifyArtist(id), JsonNode.class, () -> spotify.artist(token, id));
    }

    @GetMapping("/tracks/{id}")
    @Operation(summary = "Spotify's track object, cached for 24 hours")
    JsonNode track(@Parameter(hidden = true) UserId user,
                   @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                   @PathVariable String id) {
        requireUsable(id);
        String token = AccessToken.from(authorization);
        return cache.getOrLoad(CacheEntry.spotifyTrack(id), JsonNode.class, () -> spotify.track(token, id));
    }

    /** A malformed id is the caller's mistake on any instance, so it is a 400 before availability is considered. */
    private void requireUsable(String id) {
        if (!SPOTIFY_ID.matcher(id).matches()) {
            throw SpotifyRouteException.badRequest("Invalid Spotify id");
        }
        if (!availability.enabled()) {
            throw new SpotifyRouteException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Spotify is not connected on this instance (local identities)");
        }
    }
}
