package io.musicaljourney.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spotify Web API that speaks its protocol: {@code /v1/me}, search, artists, tracks, playlists and track
 * additions, with Spotify's object shapes, its error body {@code {"error":{"status":..,"message":..}}} and its
 * rules (at most 100 tracks per addition, limit 0-50, playlists only for the token's own user). An access token
 * {@code token-<user>} belongs to Spotify user {@code <user>}. Tests can script the next answers to one path
 * (429s, 5xx, junk) before it falls back to the normal behaviour; every request is recorded.
 */
final class FakeSpotify extends Dispatcher {

    static final String TOKEN_PREFIX = "token-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_PLAYLISTS = Pattern.compile("/v1/users/([^/]+)/playlists");
    private static final Pattern PLAYLIST_TRACKS = Pattern.compile("/v1/playlists/([^/]+)/tracks");
    private static final Pattern ARTIST = Pattern.compile("/v1/artists/([^/]+)");
    private static final Pattern TRACK = Pattern.compile("/v1/tracks/([^/]+)");

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> playlistTracks = new ConcurrentHashMap<>();
    private final AtomicInteger playlistIds = new AtomicInteger();
    private boolean started;

    FakeSpotify() {
        server.setDispatcher(this);
    }

    /** Idempotent: the base class's property source may be asked again when a context is rebuilt. */
    synchronized void start() throws IOException {
        if (!started) {
            server.start();
            started = true;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** In a script: answer this request as Spotify normally would. */
    static final MockResponse NORMALLY = new MockResponse();

    /**
     * The next answers to {@code method path} (path without query), before the normal behaviour resumes. A path
     * ending in {@code *} scripts every path under it.
     */
    void script(String method, String path, MockResponse... answers) {
        scripted.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    void forgetScripts() {
        scripted.clear();
    }

    /** Requests received for {@code method path} (path without query), oldest first. */
    List<RecordedRequest> requests(String method, String path) {
        return requests.stream()
                .filter(request -> method.equals(request.getMethod()) && path.equals(pathOf(request)))
                .toList();
    }

    List<RecordedRequest> requestsUnder(String method, String pathPrefix) {
        return requests.stream()
                .filter(request -> method.equals(request.getMethod()) && pathOf(request).startsWith(pathPrefix))
                .toList();
    }

    List<String> tracksOf(String playlistId) {
        return playlistTracks.getOrDefault(playlistId, List.of());
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status)
                .setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
    }

    static MockResponse error(int status, String message) {
        return json(status, "{\"error\":{\"status\":" + status + ",\"message\":\"" + message + "\"}}");
    }

    static String tokenOf(String user) {
        return TOKEN_PREFIX + user;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = pathOf(request);
        MockResponse answer = scriptedAnswer(request.getMethod() + " " + path);
        if (answer != null && answer != NORMALLY) {
            return answer;
        }
        String user = userOf(request);
        if (user == null) {
            return error(401, "Invalid access token");
        }
        try {
            return answer(request, path, user);
        } catch (IOException unreadable) {
            return error(400, "Error parsing JSON.");
        }
    }

    private MockResponse scriptedAnswer(String request) {
        for (Map.Entry<String, Deque<MockResponse>> script : scripted.entrySet()) {
            String key = script.getKey();
            boolean matches = key.endsWith("*") ? request.startsWith(key.substring(0, key.length() - 1))
                    : request.equals(key);
            if (matches) {
                synchronized (script.getValue()) {
                    MockResponse answer = script.getValue().poll();
                    if (answer != null) {
                        return answer;
                    }
                }
            }
        }
        return null;
    }

    private MockResponse answer(RecordedRequest request, String path, String user) throws IOException {
        Matcher matcher;
        if ("GET".equals(request.getMethod())) {
            if ("/v1/me".equals(path)) {
                return json(200, "{\"id\":\"" + user + "\",\"display_name\":\"" + user + "\",\"type\":\"user\","
                        + "\"uri\":\"spotify:user:" + user + "\",\"product\":\"premium\"}");
            }
            if ("/v1/search".equals(path)) {
                return search(request.getRequestUrl(), user);
            }
            if ((matcher = ARTIST.matcher(path)).matches()) {
                return json(200, artist(matcher.group(1)).toString());
            }
            if ((matcher = TRACK.matcher(path)).matches()) {
                return json(200, track(matcher.group(1)).toString());
            }
        }
        if ("POST".equals(request.getMethod())) {
            if ((matcher = USER_PLAYLISTS.matcher(path)).matches()) {
                return createPlaylist(matcher.group(1), user, JSON.readTree(request.getBody().clone().readUtf8()));
            }
            if ((matcher = PLAYLIST_TRACKS.matcher(path)).matches()) {
                return addTracks(matcher.group(1), JSON.readTree(request.getBody().clone().readUtf8()));
            }
        }
        return error(404, "Service not found");
    }

    /** Spotify's search answer; the fake's results differ per user, as a user's market makes them differ. */
    private MockResponse search(HttpUrl url, String user) {
        String q = url.queryParameter("q");
        String type = url.queryParameter("type");
        if (q == null || q.isEmpty()) {
            return error(400, "No search query");
        }
        if (type == null || type.isEmpty()) {
            return error(400, "Missing parameter type");
        }
        int limit;
        try {
            limit = url.queryParameter("limit") == null ? 20 : Integer.parseInt(url.queryParameter("limit"));
        } catch (NumberFormatException notANumber) {
            return error(400, "Invalid limit");
        }
        if (limit < 0 || limit > 50) {
            return error(400, "Invalid limit");
        }
        ObjectNode answer = JSON.createObjectNode();
        for (String kind : type.split(",")) {
            ObjectNode page = answer.putObject(kind + "s");
            page.put("href", "https://api.spotify.com/v1/search?query=" + q + "&type=" + kind + "&offset=0&limit="
                    + limit);
            page.put("limit", limit).put("next", (String) null).put("offset", 0).put("previous", (String) null)
                    .put("total", 1);
            ArrayNode items = page.putArray("items");
            if (limit > 0 && "track".equals(kind)) {
                items.add(track(idFor(q + user)).put("name", q + " (for " + user + ")"));
            }
            if (limit > 0 && "artist".equals(kind)) {
                items.add(artist(idFor("artist" + q)));
            }
        }
        return json(200, answer.toString());
    }

    private MockResponse createPlaylist(String owner, String user, JsonNode body) {
        if (!owner.equals(user)) {
            return error(403, "You cannot create a playlist for another user");
        }
        if (!body.path("name").isTextual() || body.path("name").asText().isBlank()) {
            return error(400, "Missing required field: name");
        }
        String id = idFor("playlist-" + playlistIds.incrementAndGet() + owner);
        playlistTracks.put(id, new CopyOnWriteArrayList<>());
        ObjectNode playlist = JSON.createObjectNode()
                .put("collaborative", false)
                .put("description", body.path("description").asText(null))
                .put("href", "https://api.spotify.com/v1/playlists/" + id)
                .put("id", id)
                .put("name", body.path("name").asText())
                // Spotify's default is public: only an explicit false makes a private playlist.
                .put("public", !body.has("public") || body.path("public").asBoolean(true))
                .put("snapshot_id", "MSw" + id)
                .put("type", "playlist")
                .put("uri", "spotify:playlist:" + id);
        playlist.putObject("external_urls").put("spotify", "https://open.spotify.com/playlist/" + id);
        playlist.putObject("owner").put("id", owner).put("type", "user").put("uri", "spotify:user:" + owner);
        playlist.putObject("tracks").put("href", "https://api.spotify.com/v1/playlists/" + id + "/tracks")
                .put("total", 0);
        playlist.putArray("images");
        return json(201, playlist.toString());
    }

    private MockResponse addTracks(String playlistId, JsonNode body) {
        List<String> tracks = playlistTracks.get(playlistId);
        if (tracks == null) {
            return error(404, "Not found.");
        }
        List<String> uris = new ArrayList<>();
        body.path("uris").forEach(uri -> uris.add(uri.asText()));
        if (uris.size() > 100) {
            return error(400, "You can add a maximum of 100 tracks per request.");
        }
        if (uris.stream().anyMatch(uri -> !uri.matches("spotify:(track|episode):[A-Za-z0-9]{22}"))) {
            return error(400, "Invalid base62 id");
        }
        tracks.addAll(uris);
        return json(201, "{\"snapshot_id\":\"MTAs" + playlistId + tracks.size() + "\"}");
    }

    static ObjectNode artist(String id) {
        ObjectNode artist = JSON.createObjectNode();
        artist.putObject("external_urls").put("spotify", "https://open.spotify.com/artist/" + id);
        artist.putObject("followers").put("href", (String) null).put("total", 1234567);
        artist.putArray("genres").add("art rock").add("alternative rock");
        artist.put("href", "https://api.spotify.com/v1/artists/" + id).put("id", id);
        artist.putArray("images").addObject().put("url", "https://i.scdn.co/image/" + id).put("height", 640)
                .put("width", 640);
        artist.put("name", "Artist " + id).put("popularity", 77).put("type", "artist")
                .put("uri", "spotify:artist:" + id);
        return artist;
    }

    static ObjectNode track(String id) {
        ObjectNode track = JSON.createObjectNode();
        ObjectNode album = track.putObject("album");
        album.put("album_type", "album").put("id", idFor("album" + id)).put("name", "Album of " + id)
                .put("release_date", "1971-12-17").put("type", "album");
        album.putArray("images").addObject().put("url", "https://i.scdn.co/image/album-" + id).put("height", 640)
                .put("width", 640);
        track.putArray("artists").addObject().put("id", idFor("artist" + id)).put("name", "Artist of " + id)
                .put("type", "artist");
        track.put("disc_number", 1).put("duration_ms", 233000).put("explicit", false)
                .put("href", "https://api.spotify.com/v1/tracks/" + id).put("id", id).put("name", "Track " + id)
                .put("popularity", 70).put("preview_url", (String) null).put("track_number", 4)
                .put("type", "track").put("uri", "spotify:track:" + id).put("is_local", false);
        return track;
    }

    /** A stable 22-character base62 id, Spotify's id format. */
    static String idFor(String seed) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        long state = seed.hashCode() * 0x9E3779B97F4A7C15L + seed.length();
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            id.append(alphabet.charAt((int) Long.remainderUnsigned(state >>> 17, 62)));
        }
        return id.toString();
    }

    private static String userOf(RecordedRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer " + TOKEN_PREFIX)) {
            return null;
        }
        String user = authorization.substring(("Bearer " + TOKEN_PREFIX).length());
        return user.isBlank() ? null : user;
    }

    private static String pathOf(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        return url == null ? "" : url.encodedPath();
    }
}
