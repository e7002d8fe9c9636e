package io.musicaljourney.spotify.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.common.UserId;
import io.musicaljourney.pathway.catalog.CatalogSearch;
import io.musicaljourney.spotify.client.SpotifyApiException;
import io.musicaljourney.spotify.client.SpotifyAvailability;
import io.musicaljourney.spotify.client.SpotifyResponse;
import io.musicaljourney.spotify.client.SpotifyWebApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/spotify/search}: Spotify's search with the caller's own token, its JSON passed on unchanged. Never
 * cached: what Spotify answers depends on the user (market, explicit-content settings), and one user's answer must
 * not reach another. Where Spotify is not connected (local identities) the offline catalog answers in Spotify's
 * shape instead, so the frontend's search box still works on the embedded default.
 */
@RestController
@RequestMapping("/api/spotify")
@Tag(name = "Spotify proxies")
class SpotifySearchController {

    static final String DEFAULT_TYPES = "track,artist,album,playlist";
    private static final int OFFLINE_DEFAULT_LIMIT = 20;

    private final SpotifyWebApi spotify;
    private final SpotifyAvailability availability;
    private final CatalogSearch catalog;

    SpotifySearchController(SpotifyWebApi spotify, SpotifyAvailability availability, CatalogSearch catalog) {
        this.spotify = spotify;
        this.availability = availability;
        this.catalog = catalog;
    }

    @GetMapping("/search")
    @Operation(summary = "Spotify search with the caller's token; Spotify's JSON and errors passed through")
    ResponseEntity<?> search(@Parameter(hidden = true) UserId user,
                             @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                             @RequestParam(required = false) String q,
                             @RequestParam(required = false) String type,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String offset,
                             @RequestParam(required = false) String market,
                             @RequestParam(name = "include_external", required = false) String includeExternal) {
        if (q == null || q.isBlank()) {
            throw SpotifyRouteException.badRequest("Query parameter \"q\" is required");
        }
        String types = type == null || type.isBlank() ? DEFAULT_TYPES : type;
        if (!availability.enabled()) {
            return ResponseEntity.ok(catalog.search(q, typesOf(types), offlineLimit(limit)));
        }
        // Spotify validates its own parameters; its 400s pass through like any other answer.
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", q);
        parameters.put("type", types);
        putIfPresent(parameters, "limit", limit);
        putIfPresent(parameters, "offset", offset);
        putIfPresent(parameters, "market", market);
        putIfPresent(parameters, "include_external", includeExternal);

        SpotifyResponse answer = spotify.search(AccessToken.from(authorization), parameters);
        if (!answer.successful()) {
            JsonNode details = spotify.detailsOf(answer);
            if (!details.isContainerNode()) {
                // An error page that is not Spotify's JSON (a proxy's HTML, say): give the frontend its "error".
                throw new SpotifyApiException(answer.status(), "Spotify answered " + answer.status().value(),
                        details);
            }
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON);
        // A 5xx Spotify asked us not to retry soon still tells the caller when to come back.
        answer.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, wait.toSeconds()))));
        return response.body(answer.body());
    }

    private static Set<String> typesOf(String types) {
        return Arrays.stream(types.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Spotify's rule: 0 to 50, 20 when absent. */
    private static int offlineLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return OFFLINE_DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 0 && value <= 50) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw SpotifyRouteException.badRequest("Invalid limit");
    }

    private static void putIfPresent(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value);
        }
    }
}
