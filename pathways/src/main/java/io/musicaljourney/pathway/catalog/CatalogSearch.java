package io.musicaljourney.pathway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicaljourney.pathway.catalog.OfflineCatalog.Artist;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search over the offline catalog in the shape of Spotify's {@code GET /v1/search}, for the search proxy when no
 * Spotify is configured. Ids and URIs are the catalog's own ({@code mjc:artist:<id>},
 * {@code mjc:track:<artist-id>:<n>}): they never pass for Spotify's. Understands the {@code artist:} and
 * {@code track:} filters the journey page uses to resolve a title.
 */
@Component
public class CatalogSearch {

    public static final String TRACK_URI_PREFIX = "mjc:track:";
    public static final String ARTIST_URI_PREFIX = "mjc:artist:";
    private static final Pattern FILTER = Pattern.compile(
            "(artist|track|genre):(\"([^\"]*)\"|(\\S+(?:\\s+(?!\\w+:)\\S+)*))", Pattern.CASE_INSENSITIVE);
    private static final List<String> TYPES = List.of("album", "artist", "playlist", "track");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final OfflineCatalog catalog;

    public CatalogSearch(OfflineCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param types Spotify's type names (album, artist, playlist, track); each gets its paging object, empty for
     *              the kinds the catalog does not hold (albums, playlists)
     */
    public JsonNode search(String q, Set<String> types, int limit) {
        Query query = Query.parse(q == null ? "" : q);
        int size = Math.max(1, Math.min(limit, 50));
        ObjectNode root = JSON.objectNode();
        for (String type : TYPES) {
            if (!types.contains(type)) {
                continue;
            }
            ArrayNode items = JSON.arrayNode();
            List<JsonNode> found = switch (type) {
                case "artist" -> artists(query);
                case "track" -> tracks(query);
                default -> List.of();
            };
            found.stream().limit(size).forEach(items::add);
            ObjectNode page = root.putObject(type + "s");
            page.put("href", "mjc:search");
            page.set("items", items);
            page.put("limit", size);
            page.putNull("next");
            page.put("offset", 0);
            page.putNull("previous");
            page.put("total", found.size());
        }
        return root;
    }

    /** The artist and position a catalog track URI stands for, e.g. {@code mjc:track:mjc-nirvana:2}. */
    public static boolean isCatalogTrackUri(String uri) {
        return uri != null && uri.startsWith(TRACK_URI_PREFIX);
    }

    private List<JsonNode> artists(Query query) {
        if (query.track() != null) {
            return List.of();
        }
        List<Scored<Artist>> hits = new ArrayList<>();
        for (Artist artist : catalog.artists()) {
            String name = OfflineCatalog.normalize(artist.name());
            if (query.artist() != null && !name.contains(query.artist())) {
                continue;
            }
            String haystack = name + " " + artist.genres().stream().map(g -> g.replace('-', ' '))
                    .reduce("", (a, b) -> a + " " + b);
            if (query.words().stream().allMatch(haystack::contains)) {
                hits.add(new Scored<>(artist, score(name, query.text())));
            }
        }
        return hits.stream().sorted(Comparator.comparingInt((Scored<Artist> hit) -> hit.score)
                        .thenComparing(hit -> hit.value.name()))
                .<JsonNode>map(hit -> artistJson(hit.value)).toList();
    }

    private List<JsonNode> tracks(Query query) {
        List<Scored<JsonNode>> hits = new ArrayList<>();
        for (Artist artist : catalog.artists()) {
            String artistName = OfflineCatalog.normalize(artist.name());
            if (query.artist() != null && !artistName.contains(query.artist())) {
                continue;
            }
            for (int i = 0; i < artist.tracks().size(); i++) {
                String title = OfflineCatalog.normalize(artist.tracks().get(i));
                if (query.track() != null && !title.contains(query.track())) {
                    continue;
                }
                String haystack = title + " " + artistName;
                if (query.words().stream().allMatch(haystack::contains)) {
                    hits.add(new Scored<>(trackJson(artist, i), score(title, query.text())));
                }
            }
        }
        return hits.stream().sorted(Comparator.comparingInt(hit -> hit.score)).map(hit -> hit.value).toList();
    }

    /** Exact names first, then names that start with the words, then the rest. */
    private static int score(String name, String text) {
        if (text.isEmpty()) {
            return 2;
        }
        return name.equals(text) ? 0 : name.startsWith(text) ? 1 : 2;
    }

    private static ObjectNode artistJson(Artist artist) {
        ObjectNode node = JSON.objectNode();
        node.put("id", artist.id());
        node.put("name", artist.name());
        node.put("type", "artist");
        node.put("uri", ARTIST_URI_PREFIX + artist.id());
        ArrayNode genres = node.putArray("genres");
        artist.genres().forEach(genres::add);
        node.putArray("images");
        node.putObject("external_urls");
        node.put("popularity", 0);
        node.putObject("followers").putNull("href").put("total", 0);
        return node;
    }

    private static ObjectNode trackJson(Artist artist, int index) {
        String id = artist.id() + ":" + (index + 1);
        ObjectNode node = JSON.objectNode();
        node.put("id", id);
        node.put("uri", TRACK_URI_PREFIX + id);
        node.put("name", artist.tracks().get(index));
        node.put("type", "track");
        ArrayNode artists = node.putArray("artists");
        ObjectNode by = artists.addObject();
        by.put("id", artist.id());
        by.put("name", artist.name());
        by.put("type", "artist");
        by.put("uri", ARTIST_URI_PREFIX + artist.id());
        // The catalog knows songs, not the records they came out on.
        ObjectNode album = node.putObject("album");
        album.put("name", "");
        album.putArray("images");
        album.putArray("artists").add(by.deepCopy());
        node.putNull("preview_url");
        node.put("explicit", false);
        node.put("popularity", 0);
        node.putObject("external_urls");
        return node;
    }

    private record Scored<T>(T value, int score) {
    }

    /** Free words plus the {@code artist:}/{@code track:} filters of Spotify's query syntax, normalized. */
    record Query(String text, List<String> words, String artist, String track) {

        static Query parse(String q) {
            String artist = null;
            String track = null;
            StringBuilder rest = new StringBuilder();
            Matcher matcher = FILTER.matcher(q);
            int last = 0;
            while (matcher.find()) {
                rest.append(q, last, matcher.start()).append(' ');
                String value = OfflineCatalog.normalize(matcher.group(3) != null ? matcher.group(3) : matcher.group(4));
                switch (matcher.group(1).toLowerCase(Locale.ROOT)) {
                    case "artist" -> artist = value;
                    case "track" -> track = value;
                    default -> rest.append(value).append(' ');
                }
                last = matcher.end();
            }
            rest.append(q.substring(last));
            String text = OfflineCatalog.normalize(rest.toString());
            List<String> words = text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
            return new Query(text, words, artist, track);
        }
    }
}
