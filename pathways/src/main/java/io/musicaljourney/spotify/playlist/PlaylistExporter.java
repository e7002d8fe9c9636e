package io.musicaljourney.spotify.playlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.query.FetchJourneyQuery;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.spotify.client.SpotifyApiException;
import io.musicaljourney.spotify.client.SpotifyBadResponseException;
import io.musicaljourney.spotify.client.SpotifyWebApi;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Turns a list of tracks, or a journey's collected tracks, into a private playlist of the caller's: the playlist
 * is created first, then the tracks are appended in order, 100 per request (Spotify's limit).
 */
@Service
public class PlaylistExporter {

    static final int BATCH = 100;
    static final String TITLE_REQUIRED = "title is required (or provide journeyId)";
    static final String NO_TRACKS = "No track URIs to add";
    static final String JOURNEY_NOT_FOUND = "Journey not found";

    private static final String TRACK_URI_PREFIX = "spotify:track:";
    /** A Spotify id is 22 base62 characters; the offline catalog's ids (kebab-case) never are. */
    private static final Pattern SPOTIFY_ID = Pattern.compile("[A-Za-z0-9]{22}");
    private static final Pattern PLAYABLE_URI = Pattern.compile("spotify:(track|episode):[A-Za-z0-9]{22}");

    private final SpotifyWebApi spotify;
    private final QueryGateway queries;
    private final ObjectMapper json;

    public PlaylistExporter(SpotifyWebApi spotify, QueryGateway queries, ObjectMapper json) {
        this.spotify = spotify;
        this.queries = queries;
        this.json = json;
    }

    /** Refuses what no instance could export: no title and no journey, or a track URI Spotify would refuse. */
    public void check(PlaylistRequest request) {
        if (text(request.title()) == null && text(request.journeyId()) == null) {
            throw new PlaylistRejectedException(PlaylistRejectedException.Reason.INVALID, TITLE_REQUIRED);
        }
        explicitUris(request.trackUris());
    }

    /** @return Spotify's playlist object, as it answered the creation */
    public JsonNode export(UserId user, String accessToken, PlaylistRequest request) {
        String title = text(request.title());
        String description = text(request.description());
        String journeyId = text(request.journeyId());
        if (title == null && journeyId == null) {
            throw new PlaylistRejectedException(PlaylistRejectedException.Reason.INVALID, TITLE_REQUIRED);
        }
        List<String> uris = explicitUris(request.trackUris());
        if (journeyId != null) {
            JourneyDetail journey = journey(journeyId, user);
            title = title != null ? title : journey.title();
            description = description != null ? description
                    : "A Musical Journey from " + journey.startingNodeName();
            if (uris.isEmpty()) {
                uris = urisOf(journey);
            }
        }
        if (uris.isEmpty()) {
            throw new PlaylistRejectedException(PlaylistRejectedException.Reason.INVALID, NO_TRACKS);
        }

        JsonNode playlist = spotify.createPrivatePlaylist(accessToken, user.value(), title, description);
        String playlistId = playlist.path("id").asText("");
        if (playlistId.isBlank()) {
            throw new SpotifyBadResponseException("Spotify created a playlist without an id", null);
        }
        for (int from = 0; from < uris.size(); from += BATCH) {
            List<String> batch = uris.subList(from, Math.min(from + BATCH, uris.size()));
            try {
                spotify.addTracks(accessToken, playlistId, batch);
            } catch (SpotifyApiException failure) {
                // The playlist exists by now: say so, so the user does not simply create another one.
                throw new SpotifyApiException(failure.status(), "The playlist \"" + title + "\" was created, but "
                        + "adding tracks " + (from + 1) + "-" + (from + batch.size()) + " failed: "
                        + failure.getMessage(), failure.details());
            }
        }
        return playlist;
    }

    private JourneyDetail journey(String journeyId, UserId user) {
        Optional<JourneyId> id = JourneyId.parse(journeyId);
        JourneyDetail journey = id.isEmpty() ? null : ask(new FetchJourneyQuery(id.get(), user));
        if (journey == null) {
            // Somebody else's journey is answered like a missing one: existence is never revealed.
            throw new PlaylistRejectedException(PlaylistRejectedException.Reason.JOURNEY_NOT_FOUND,
                    JOURNEY_NOT_FOUND);
        }
        return journey;
    }

    private JourneyDetail ask(FetchJourneyQuery query) {
        try {
            return queries.query(query, ResponseTypes.instanceOf(JourneyDetail.class)).join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private static List<String> explicitUris(List<String> trackUris) {
        List<String> uris = new ArrayList<>();
        if (trackUris == null) {
            return uris;
        }
        for (String uri : trackUris) {
            String value = text(uri);
            if (value == null) {
                continue;
            }
            // Spotify would refuse the whole batch, after we had made an empty playlist: refuse before.
            if (!PLAYABLE_URI.matcher(value).matches()) {
                throw new PlaylistRejectedException(PlaylistRejectedException.Reason.INVALID,
                        "Invalid track URI: " + value);
            }
            uris.add(value);
        }
        return uris;
    }

    /**
     * The journey's tracks that are Spotify tracks, in the order collected: a {@code uri}/{@code spotifyUri} the
     * client stored, else the {@code trackId} when it is a Spotify id. Tracks from the offline catalog are skipped.
     */
    private List<String> urisOf(JourneyDetail journey) {
        JsonNode tracks;
        try {
            tracks = journey.tracks() == null ? null : json.readTree(journey.tracks());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Unreadable tracks of journey " + journey.id(), unreadable);
        }
        List<String> uris = new ArrayList<>();
        if (tracks == null || !tracks.isArray()) {
            return uris;
        }
        for (JsonNode track : tracks) {
            uriOf(track).ifPresent(uris::add);
        }
        return uris;
    }

    private static Optional<String> uriOf(JsonNode track) {
        for (String field : List.of("uri", "spotifyUri", "trackId")) {
            String value = track.path(field).asText("");
            if (value.startsWith(TRACK_URI_PREFIX)) {
                value = value.substring(TRACK_URI_PREFIX.length());
            }
            if (SPOTIFY_ID.matcher(value).matches()) {
                return Optional.of(TRACK_URI_PREFIX + value);
            }
        }
        return Optional.empty();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
