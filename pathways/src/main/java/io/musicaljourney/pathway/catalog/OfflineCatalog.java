package io.musicaljourney.pathway.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The music map shipped with the service ({@code catalog/offline-catalog.json}): real artists and genres with
 * their years, documented influences and collaborations. Read once, then only looked up. Ids are the catalog's own
 * ({@code mjc-...} for artists, kebab-case names for genres), never Spotify's.
 */
@Component
public class OfflineCatalog {

    public static final String RESOURCE = "catalog/offline-catalog.json";

    public record Genre(String id, String name, List<String> parents, Integer emergedIn, String description) {
        public Genre {
            parents = parents == null ? List.of() : List.copyOf(parents);
        }
    }

    public record Artist(String id, String name, List<String> genres, Integer activeFrom, Integer activeTo,
                         String origin, List<String> influences, List<String> collaborators, List<String> tracks,
                         String description) {
        public Artist {
            genres = genres == null ? List.of() : List.copyOf(genres);
            influences = influences == null ? List.of() : List.copyOf(influences);
            collaborators = collaborators == null ? List.of() : List.copyOf(collaborators);
            tracks = tracks == null ? List.of() : List.copyOf(tracks);
        }

        /** Still active artists count as active until the reference year. */
        public boolean overlaps(Artist other, int currentYear) {
            int end = activeTo == null ? currentYear : activeTo;
            int otherEnd = other.activeTo == null ? currentYear : other.activeTo;
            return start() <= otherEnd && other.start() <= end;
        }

        public int start() {
            return activeFrom == null ? 0 : activeFrom;
        }
    }

    record Document(Integer version, String source, List<Genre> genres, List<Artist> artists) {
    }

    private final String source;
    private final int version;
    private final Map<String, Artist> artists = new LinkedHashMap<>();
    private final Map<String, Genre> genres = new LinkedHashMap<>();
    private final Map<String, List<Artist>> artistsByGenre = new LinkedHashMap<>();
    private final Map<String, List<Genre>> childGenres = new LinkedHashMap<>();
    private final Map<String, List<Artist>> followers = new LinkedHashMap<>();
    private final Map<String, Set<String>> collaborations = new LinkedHashMap<>();
    private final Map<String, Artist> artistsByName = new LinkedHashMap<>();
    private final Map<String, Genre> genresByName = new LinkedHashMap<>();
    private final Map<String, Artist> artistsByTrack = new LinkedHashMap<>();

    public OfflineCatalog() {
        this(OfflineCatalog.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    public OfflineCatalog(InputStream json) {
        if (json == null) {
            throw new IllegalStateException("The offline catalog " + RESOURCE + " is missing from the classpath");
        }
        Document document;
        try (json) {
            document = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(json, Document.class);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("The offline catalog cannot be read", unreadable);
        }
        this.source = document.source() == null ? "offline catalog" : document.source();
        this.version = document.version() == null ? 1 : document.version();
        document.genres().forEach(genre -> {
            genres.put(genre.id(), genre);
            genresByName.putIfAbsent(normalize(genre.name()), genre);
            genresByName.putIfAbsent(normalize(genre.id()), genre);
        });
        genres.values().forEach(genre -> genre.parents().forEach(parent ->
                childGenres.computeIfAbsent(parent, p -> new ArrayList<>()).add(genre)));
        document.artists().forEach(artist -> {
            artists.put(artist.id(), artist);
            artistsByName.putIfAbsent(normalize(artist.name()), artist);
            artist.genres().forEach(genre -> artistsByGenre.computeIfAbsent(genre, g -> new ArrayList<>()).add(artist));
            artist.tracks().forEach(track -> artistsByTrack.putIfAbsent(normalize(track), artist));
        });
        artists.values().forEach(artist -> {
            artist.influences().forEach(influence ->
                    followers.computeIfAbsent(influence, i -> new ArrayList<>()).add(artist));
            artist.collaborators().forEach(other -> {
                if (artists.containsKey(other)) {
                    collaborations.computeIfAbsent(artist.id(), a -> new LinkedHashSet<>()).add(other);
                    collaborations.computeIfAbsent(other, a -> new LinkedHashSet<>()).add(artist.id());
                }
            });
        });
    }

    public String source() {
        return source;
    }

    public int version() {
        return version;
    }

    public Collection<Artist> artists() {
        return artists.values();
    }

    public Collection<Genre> genres() {
        return genres.values();
    }

    public Optional<Artist> artist(String id) {
        return Optional.ofNullable(id == null ? null : artists.get(id));
    }

    public Optional<Genre> genre(String id) {
        return Optional.ofNullable(id == null ? null : genres.get(id));
    }

    public Optional<Artist> artistNamed(String name) {
        return Optional.ofNullable(name == null ? null : artistsByName.get(normalize(name)));
    }

    public Optional<Genre> genreNamed(String name) {
        return Optional.ofNullable(name == null ? null : genresByName.get(normalize(name)));
    }

    /** The artist who recorded a track of this title, when the catalog lists it. */
    public Optional<Artist> artistOfTrack(String title) {
        return Optional.ofNullable(title == null ? null : artistsByTrack.get(normalize(title)));
    }

    public List<Artist> artistsOf(String genreId) {
        return artistsByGenre.getOrDefault(genreId, List.of());
    }

    public List<Genre> childrenOf(String genreId) {
        return childGenres.getOrDefault(genreId, List.of());
    }

    /** Artists that name this one among their influences. */
    public List<Artist> followersOf(String artistId) {
        return followers.getOrDefault(artistId, List.of());
    }

    /** Collaborations recorded on either side. */
    public List<Artist> collaboratorsOf(String artistId) {
        return collaborations.getOrDefault(artistId, Set.of()).stream()
                .map(artists::get)
                .sorted(Comparator.comparing(Artist::name))
                .toList();
    }

    /** Lower case, no accents, no punctuation, no leading "the": how people type names. */
    public static String normalize(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[^a-z0-9]+", " ").strip();
        return plain.startsWith("the ") ? plain.substring(4) : plain;
    }

    /** The kebab-case id a genre name would have. */
    public static String kebab(String name) {
        return normalize(name).replace(' ', '-');
    }
}
