package io.musicaljourney.pathway.catalog;

import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathway;
import io.musicaljourney.pathway.PathwayNode;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.catalog.OfflineCatalog.Artist;
import io.musicaljourney.pathway.catalog.OfflineCatalog.Genre;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import io.musicaljourney.pathway.service.PathwayProvider;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Pathways and narratives from the offline catalog alone, with no key and no network: the embedded default. The
 * same node always gives the same answer, every sentence is built from the catalog's facts, and the answer obeys
 * the rules the model is given (influences before the node, legacy after it, two-sentence descriptions).
 */
public class CatalogPathwayProvider implements PathwayProvider {

    public static final String NAME = "catalog";
    private static final int MAX_NODES = 4;
    private static final int MIN_NODES = 2;
    private static final int MAX_TRACKS = 5;
    /** A node younger than this has no legacy yet. */
    private static final int LEGACY_AGE_YEARS = 10;

    private final OfflineCatalog catalog;
    private final Clock clock;

    public CatalogPathwayProvider(OfflineCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    // ------------------------------------------------------------------ pathways

    @Override
    public Pathways pathways(FetchPathwaysQuery query) {
        Optional<Genre> genre = query.nodeType() == NodeType.GENRE ? resolveGenre(query.nodeId(), query.nodeName())
                : Optional.empty();
        if (genre.isPresent()) {
            return fromGenre(genre.get());
        }
        Optional<Artist> artist = resolveArtist(query.nodeType(), query.nodeId(), query.nodeName());
        if (artist.isPresent()) {
            return fromArtist(artist.get());
        }
        return startingPoints(query.nodeId() + "|" + query.nodeName());
    }

    Optional<Artist> resolveArtist(NodeType type, String id, String name) {
        Optional<Artist> byId = catalog.artist(id);
        if (byId.isPresent()) {
            return byId;
        }
        if (type == NodeType.TRACK) {
            return catalog.artistOfTrack(name).or(() -> catalog.artistNamed(name));
        }
        if (type == NodeType.ARTIST) {
            return catalog.artistNamed(name).or(() -> catalog.artistNamed(id));
        }
        return Optional.empty();
    }

    Optional<Genre> resolveGenre(String id, String name) {
        return catalog.genre(id).or(() -> catalog.genreNamed(name)).or(() -> catalog.genreNamed(id));
    }

    private Pathways fromArtist(Artist artist) {
        List<Pathway> pathways = new ArrayList<>();
        add(pathways, PathwayType.INFLUENCES, "Where " + artist.name() + " came from", influences(artist));
        if (artist.start() <= currentYear() - LEGACY_AGE_YEARS) {
            add(pathways, PathwayType.LEGACY, artist.name() + "'s legacy", legacy(artist));
        }
        add(pathways, PathwayType.COLLABORATORS, "Who worked with " + artist.name(), collaborators(artist));
        add(pathways, PathwayType.CONTEMPORARIES, "In the same years as " + artist.name(), contemporaries(artist));
        add(pathways, PathwayType.GENRE, artist.name() + "'s genres", genresOf(artist));
        return new Pathways(pathways);
    }

    private List<PathwayNode> influences(Artist artist) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        // Documented influences that came first in time; one who started later may be real but breaks the rule the
        // frontend draws by (influences before the node).
        artist.influences().stream().map(catalog::artist).flatMap(Optional::stream)
                .filter(influence -> influence.start() <= artist.start())
                .sorted(Comparator.comparingInt(Artist::start).reversed().thenComparing(Artist::name))
                .forEach(influence -> put(nodes, artistNode(influence, influence.name()
                        + " is one of the documented influences on " + artist.name() + ", and " + since(influence)
                        + sinceBefore(influence, artist) + ".")));
        if (nodes.size() < MIN_NODES) {
            // No documented influence enough: the artists already recording in the same genres came before.
            forerunners(artist).forEach(forerunner -> put(nodes, artistNode(forerunner, forerunner.name()
                    + " was already recording " + sharedGenreName(forerunner, artist) + " from "
                    + forerunner.start() + ", before " + artist.name() + " started out in " + artist.start() + ".")));
        }
        if (nodes.size() < MIN_NODES) {
            // The catalog knows nobody earlier in these genres: the artists recording before, nearest first.
            catalog.artists().stream().filter(other -> other.start() < artist.start())
                    .sorted(Comparator.comparingInt((Artist other) -> sameCountry(other, artist) ? 0 : 1)
                            .thenComparingInt(other -> artist.start() - other.start()).thenComparing(Artist::name))
                    .forEach(earlier -> put(nodes, artistNode(earlier, earlier.name() + " was already recording "
                            + sharedGenreName(earlier, artist) + " from " + earlier.start() + ", before "
                            + artist.name() + " started out in " + artist.start() + ".")));
        }
        return limit(nodes);
    }

    private Stream<Artist> forerunners(Artist artist) {
        return related(artist).stream()
                .filter(other -> other.start() < artist.start())
                .sorted(Comparator.comparingInt((Artist other) -> artist.start() - other.start())
                        .thenComparing(Artist::name));
    }

    private List<PathwayNode> legacy(Artist artist) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        catalog.followersOf(artist.id()).stream()
                .filter(follower -> follower.start() >= artist.start())
                .sorted(Comparator.comparingInt(Artist::start).thenComparing(Artist::name))
                .forEach(follower -> put(nodes, artistNode(follower, follower.name() + " names " + artist.name()
                        + " among its documented influences, and started out in " + follower.start()
                        + (follower.start() > artist.start()
                        ? ", " + years(follower.start() - artist.start()) + " after " + artist.name() + " began."
                        : ", the same year as " + artist.name() + "."))));
        if (nodes.size() < MIN_NODES) {
            // Without documented followers: who carried the same genres on later.
            Stream.concat(catalog.artists().stream().filter(other -> sharesGenre(other, artist)), related(artist).stream())
                    .filter(other -> !other.id().equals(artist.id()) && other.start() > artist.start())
                    .sorted(Comparator.comparingInt((Artist other) -> sharesGenre(other, artist) ? 0 : 1)
                            .thenComparingInt(Artist::start).thenComparing(Artist::name))
                    .forEach(later -> put(nodes, artistNode(later, later.name() + " carried "
                            + sharedGenreName(later, artist) + " on from " + later.start() + ", "
                            + years(later.start() - artist.start()) + " after " + artist.name() + " began.")));
        }
        return limit(nodes);
    }

    private List<PathwayNode> collaborators(Artist artist) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        catalog.collaboratorsOf(artist.id()).forEach(other -> put(nodes, artistNode(other, other.name() + " and "
                + artist.name() + " are documented collaborators, " + together(other, artist) + ".")));
        return limit(nodes);
    }

    private List<PathwayNode> contemporaries(Artist artist) {
        int now = currentYear();
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        Comparator<Artist> closest = Comparator.comparingInt((Artist other) -> Math.abs(other.start() - artist.start()))
                .thenComparing(Artist::name);
        Predicate<Artist> overlapping = other -> !other.id().equals(artist.id()) && other.overlaps(artist, now);
        Stream.concat(
                        catalog.artists().stream().filter(overlapping).filter(other -> sharesGenre(other, artist))
                                .sorted(closest),
                        Stream.concat(related(artist).stream().filter(overlapping).sorted(closest),
                                catalog.artists().stream().filter(overlapping).sorted(closest)))
                .forEach(other -> put(nodes, artistNode(other, other.name() + " was at work in the same years as "
                        + artist.name() + ", " + overlap(other, artist, now) + ", in "
                        + sharedGenreName(other, artist) + ".")));
        return limit(nodes);
    }

    private List<PathwayNode> genresOf(Artist artist) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        artist.genres().stream().map(catalog::genre).flatMap(Optional::stream)
                .forEach(genre -> put(nodes, genreNode(genre, artist.name() + " is catalogued under " + genre.name()
                        + emerged(genre) + ".")));
        artist.genres().stream().map(catalog::genre).flatMap(Optional::stream)
                .flatMap(genre -> genre.parents().stream().map(catalog::genre).flatMap(Optional::stream)
                        .map(parent -> genreNode(parent, genre.name() + ", the genre " + artist.name()
                                + " is catalogued under, grew out of " + parent.name() + emerged(parent) + ".")))
                .forEach(node -> put(nodes, node));
        if (nodes.size() < MIN_NODES) {
            artist.genres().stream().flatMap(genre -> catalog.childrenOf(genre).stream())
                    .forEach(child -> put(nodes, genreNode(child, child.name() + " grew out of "
                            + name(child.parents().get(0)) + ", the genre of " + artist.name() + emerged(child) + ".")));
        }
        if (nodes.size() < MIN_NODES && !artist.genres().isEmpty()) {
            Genre own = catalog.genre(artist.genres().get(0)).orElse(null);
            if (own != null) {
                sameYears(own).forEach(other -> put(nodes, genreNode(other, other.name() + " took shape around "
                        + other.emergedIn() + ", in the same years as " + own.name() + ", the genre of "
                        + artist.name() + ".")));
            }
        }
        return limit(nodes);
    }

    private Pathways fromGenre(Genre genre) {
        List<Pathway> pathways = new ArrayList<>();
        add(pathways, PathwayType.INFLUENCES, "Where " + genre.name() + " came from", genreInfluences(genre));
        if (genreYear(genre) <= currentYear() - LEGACY_AGE_YEARS) {
            add(pathways, PathwayType.LEGACY, "What grew out of " + genre.name(), genreLegacy(genre));
        }
        add(pathways, PathwayType.CONTEMPORARIES, "Genres of the same time as " + genre.name(),
                genreContemporaries(genre));
        add(pathways, PathwayType.GENRE, "Key artists of " + genre.name(), genreArtists(genre));
        return new Pathways(pathways);
    }

    private List<PathwayNode> genreInfluences(Genre genre) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        parents(genre).stream().filter(parent -> genreYear(parent) <= genreYear(genre))
                .forEach(parent -> put(nodes, genreNode(parent, genre.name() + " grew out of " + parent.name()
                        + emerged(parent) + ".")));
        if (nodes.size() < MIN_NODES) {
            parents(genre).stream().flatMap(parent -> parents(parent).stream())
                    .filter(grandparent -> genreYear(grandparent) <= genreYear(genre))
                    .forEach(grandparent -> put(nodes, genreNode(grandparent, grandparent.name()
                            + " is among the older roots of " + genre.name() + emerged(grandparent) + ".")));
        }
        if (nodes.size() < MIN_NODES) {
            // Pioneers: the genre's own first artists, recording by the time it took shape.
            catalog.artistsOf(genre.id()).stream()
                    .filter(artist -> genre.emergedIn() == null || artist.start() <= genre.emergedIn())
                    .sorted(Comparator.comparingInt(Artist::start).thenComparing(Artist::name))
                    .forEach(artist -> put(nodes, artistNode(artist, artist.name() + " was recording by "
                            + artist.start() + ", as " + genre.name() + " was taking shape.")));
        }
        if (nodes.size() < MIN_NODES && genre.emergedIn() != null) {
            catalog.genres().stream().filter(other -> other.emergedIn() != null && other.emergedIn() < genre.emergedIn())
                    .sorted(Comparator.comparingInt((Genre other) -> genre.emergedIn() - other.emergedIn())
                            .thenComparing(Genre::name))
                    .forEach(older -> put(nodes, genreNode(older, older.name() + " took shape around "
                            + older.emergedIn() + ", before " + genre.name() + " emerged around "
                            + genre.emergedIn() + ".")));
        }
        return limit(nodes);
    }

    private List<PathwayNode> genreLegacy(Genre genre) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        catalog.childrenOf(genre.id()).stream()
                .filter(child -> genreYear(child) >= genreYear(genre))
                .sorted(Comparator.comparingInt(this::genreYear).thenComparing(Genre::name))
                .forEach(child -> put(nodes, genreNode(child, child.name() + " grew out of " + genre.name()
                        + emerged(child) + ".")));
        if (nodes.size() < MIN_NODES) {
            catalog.artistsOf(genre.id()).stream().filter(artist -> artist.start() > genreYear(genre))
                    .sorted(Comparator.comparingInt(Artist::start).reversed().thenComparing(Artist::name))
                    .forEach(artist -> put(nodes, artistNode(artist, artist.name() + " carried " + genre.name()
                            + " on from " + artist.start() + ", after it took shape around " + genreYear(genre)
                            + ".")));
        }
        if (nodes.size() < MIN_NODES && genre.emergedIn() != null) {
            catalog.genres().stream().filter(other -> other.emergedIn() != null && other.emergedIn() > genre.emergedIn())
                    .sorted(Comparator.comparingInt((Genre other) -> other.emergedIn() - genre.emergedIn())
                            .thenComparing(Genre::name))
                    .forEach(younger -> put(nodes, genreNode(younger, younger.name() + " took shape around "
                            + younger.emergedIn() + ", after " + genre.name() + " emerged around "
                            + genre.emergedIn() + ".")));
        }
        return limit(nodes);
    }

    private List<PathwayNode> genreContemporaries(Genre genre) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        int year = genreYear(genre);
        Comparator<Genre> closest = Comparator.comparingInt((Genre other) -> Math.abs(genreYear(other) - year))
                .thenComparing(Genre::name);
        List<String> family = new ArrayList<>(genre.parents());
        Stream.concat(
                        catalog.genres().stream()
                                .filter(other -> !other.id().equals(genre.id()) && other.emergedIn() != null
                                        && Math.abs(other.emergedIn() - year) <= 15
                                        && other.parents().stream().anyMatch(family::contains))
                                .sorted(closest),
                        catalog.genres().stream()
                                .filter(other -> !other.id().equals(genre.id()) && other.emergedIn() != null
                                        && !genre.parents().contains(other.id())
                                        && !other.parents().contains(genre.id()))
                                .sorted(closest))
                .forEach(other -> put(nodes, genreNode(other, other.name() + " took shape around "
                        + other.emergedIn() + ", close to the years when " + genre.name() + " did" + (year > 0
                        ? " (around " + year + ")" : "") + ".")));
        return limit(nodes);
    }

    private List<PathwayNode> genreArtists(Genre genre) {
        Map<String, PathwayNode> nodes = new LinkedHashMap<>();
        Stream.concat(catalog.artistsOf(genre.id()).stream(),
                        catalog.childrenOf(genre.id()).stream().flatMap(child -> catalog.artistsOf(child.id()).stream()))
                .sorted(Comparator.comparingInt((Artist artist) -> artist.genres().contains(genre.id()) ? 0 : 1)
                        .thenComparingInt(Artist::start).thenComparing(Artist::name))
                .forEach(artist -> put(nodes, artistNode(artist, artist.name() + " is one of the "
                        + genre.name() + " artists in the offline catalog, filed under "
                        + genreNames(artist) + ".")));
        if (nodes.size() < MIN_NODES) {
            Stream.concat(parents(genre).stream(), sameYears(genre))
                    .flatMap(near -> catalog.artistsOf(near.id()).stream()
                            .sorted(Comparator.comparingInt(Artist::start).thenComparing(Artist::name))
                            .map(artist -> artistNode(artist, artist.name() + " is one of the " + near.name()
                                    + " artists in the offline catalog, a genre close to " + genre.name() + ".")))
                    .forEach(node -> put(nodes, node));
        }
        return limit(nodes);
    }

    /** For a node the catalog does not know: honest ways into the map rather than an error. */
    private Pathways startingPoints(String seed) {
        int now = currentYear();
        List<Pathway> pathways = new ArrayList<>();
        List<Artist> earliest = catalog.artists().stream()
                .sorted(Comparator.comparingInt(Artist::start).thenComparing(Artist::name)).toList();
        add(pathways, PathwayType.INFLUENCES, "Foundations of the offline catalog",
                rotate(earliest.subList(0, Math.min(12, earliest.size())), seed).stream()
                        .map(artist -> artistNode(artist, artist.name() + " is among the earliest artists in the"
                                + " offline catalog, recording from " + artist.start() + "."))
                        .limit(MAX_NODES).toList());
        List<Artist> active = catalog.artists().stream().filter(artist -> artist.activeTo() == null)
                .sorted(Comparator.comparingInt(Artist::start).reversed().thenComparing(Artist::name)).toList();
        add(pathways, PathwayType.CONTEMPORARIES, "Active today",
                rotate(active.subList(0, Math.min(24, active.size())), seed).stream()
                        .map(artist -> artistNode(artist, artist.name() + " has been active from " + artist.start()
                                + " until today (" + now + ")."))
                        .limit(MAX_NODES).toList());
        List<Genre> roots = catalog.genres().stream().filter(genre -> genre.parents().isEmpty()).toList();
        add(pathways, PathwayType.GENRE, "Genres to explore",
                rotate(roots, seed).stream()
                        .map(genre -> genreNode(genre, genre.name() + " is one of the root genres of the offline"
                                + " catalog" + emerged(genre) + "."))
                        .limit(MAX_NODES).toList());
        return new Pathways(pathways);
    }

    // ------------------------------------------------------------------ narratives

    @Override
    public ConnectionNarrative narrative(FetchConnectionNarrativeQuery query) {
        Subject from = subject(query.from());
        Subject to = subject(query.to());
        List<String> facts = new ArrayList<>();
        List<String> keyPoints = new ArrayList<>();
        Integer year = relate(from, to, query.connectionType(), facts, keyPoints);
        List<String> extra = new ArrayList<>();
        extra.addAll(from.sentences());
        extra.addAll(to.sentences());
        extra.addAll(from.background());
        extra.addAll(to.background());
        extra.add(listening(from, to));
        extra.addAll(lineage(from, to));
        String narrative = compose(facts, extra);
        List<String> sources = new ArrayList<>();
        sources.add("Offline catalog: " + Stream.of(from, to).filter(Subject::known).map(Subject::label)
                .distinct().reduce((a, b) -> a + " and " + b).map(names -> "entries for " + names)
                .orElse("its root genres") + " (version " + catalog.version() + ")");
        sources.add("Offline catalog: " + catalog.source());
        return new ConnectionNarrative(narrative, keyPoints, year, sources);
    }

    private record Subject(NodeRef ref, Artist artist, Genre genre) {

        boolean known() {
            return artist != null || genre != null;
        }

        String label() {
            return artist != null ? artist.name() : genre != null ? genre.name() : ref.name();
        }

        List<String> sentences() {
            String description = artist != null ? artist.description() : genre != null ? genre.description() : null;
            return description == null ? List.of() : List.of(description);
        }

        List<String> background() {
            if (artist != null) {
                return List.of(artist.name() + (artist.origin() == null ? "" : " comes from " + artist.origin()
                        + " and") + " was active "
                        + CatalogPathwayProvider.active(artist) + ".");
            }
            if (genre != null && genre.emergedIn() != null) {
                return List.of(genre.name() + " emerged around " + genre.emergedIn() + ".");
            }
            return List.of();
        }
    }

    private Subject subject(NodeRef ref) {
        if (ref.type() == NodeType.GENRE) {
            Optional<Genre> genre = resolveGenre(ref.id().value(), ref.name());
            if (genre.isPresent()) {
                return new Subject(ref, null, genre.get());
            }
        }
        return resolveArtist(ref.type() == NodeType.GENRE ? NodeType.ARTIST : ref.type(), ref.id().value(), ref.name())
                .map(artist -> new Subject(ref, artist, null))
                .orElseGet(() -> new Subject(ref, null, ref.type() == NodeType.GENRE ? null
                        : resolveGenre(ref.id().value(), ref.name()).orElse(null)));
    }

    /** The facts the catalog holds about the link, whatever the caller called it; returns the year it was made. */
    private Integer relate(Subject from, Subject to, String connectionType, List<String> facts,
                           List<String> keyPoints) {
        Integer year = null;
        Artist a = from.artist();
        Artist b = to.artist();
        if (a != null && b != null) {
            if (b.influences().contains(a.id())) {
                facts.add(b.name() + " names " + a.name() + " among its documented influences.");
                keyPoints.add(a.name() + " is a documented influence on " + b.name());
                year = Math.max(a.start(), b.start());
            }
            if (a.influences().contains(b.id())) {
                facts.add(a.name() + " names " + b.name() + " among its documented influences.");
                keyPoints.add(b.name() + " is a documented influence on " + a.name());
                year = year == null ? Math.max(a.start(), b.start()) : year;
            }
            if (catalog.collaboratorsOf(a.id()).contains(b)) {
                facts.add(a.name() + " and " + b.name() + " are documented collaborators, "
                        + together(a, b) + ".");
                keyPoints.add(a.name() + " and " + b.name() + " worked together");
                year = year == null ? Math.max(a.start(), b.start()) : year;
            }
            if (a.overlaps(b, currentYear())) {
                facts.add("Their careers overlap: " + overlap(a, b, currentYear()) + ".");
                keyPoints.add("Both active " + overlap(a, b, currentYear()));
                year = year == null ? Math.max(a.start(), b.start()) : year;
            }
            String shared = sharedGenreName(a, b);
            facts.add("Both belong to the map of " + shared + ".");
            keyPoints.add("Genres: " + genreNames(a) + " and " + genreNames(b));
        } else if (from.genre() != null && to.genre() != null) {
            Genre g = from.genre();
            Genre h = to.genre();
            if (h.parents().contains(g.id())) {
                facts.add(h.name() + " grew out of " + g.name() + ".");
                keyPoints.add(h.name() + " grew out of " + g.name());
                year = h.emergedIn();
            } else if (g.parents().contains(h.id())) {
                facts.add(g.name() + " grew out of " + h.name() + ".");
                keyPoints.add(g.name() + " grew out of " + h.name());
                year = g.emergedIn();
            } else {
                facts.add(g.name() + " and " + h.name() + " are neighbouring genres of the offline catalog.");
                keyPoints.add(g.name() + " and " + h.name() + " are neighbouring genres");
            }
        } else if (from.artist() != null && to.genre() != null || from.genre() != null && to.artist() != null) {
            Artist artist = from.artist() != null ? from.artist() : to.artist();
            Genre genre = from.genre() != null ? from.genre() : to.genre();
            boolean member = artist.genres().contains(genre.id());
            facts.add(artist.name() + (member ? " is catalogued under " : " stands beside ") + genre.name() + ".");
            keyPoints.add(artist.name() + (member ? " is a " : " is close to ") + genre.name() + " artist");
            year = member ? Math.max(artist.start(), genreYear(genre)) : null;
        }
        for (Subject subject : List.of(from, to)) {
            if (!subject.known()) {
                facts.add(subject.ref().name() + " is not in the offline catalog, so this story draws on what"
                        + " the catalog holds around it.");
                keyPoints.add(subject.ref().name() + " is not in the offline catalog");
            }
        }
        if (keyPoints.isEmpty()) {
            keyPoints.add("A " + connectionType + " connection from " + from.label() + " to " + to.label());
        }
        facts.add(0, "This is the story of a " + readable(connectionType) + " connection, from " + from.label()
                + " to " + to.label() + ".");
        return year;
    }

    private String listening(Subject from, Subject to) {
        List<String> picks = new ArrayList<>();
        for (Subject subject : List.of(from, to)) {
            if (subject.artist() != null && !subject.artist().tracks().isEmpty()) {
                picks.add("\"" + subject.artist().tracks().get(0) + "\" by " + subject.artist().name());
            } else if (subject.genre() != null) {
                genreTracks(subject.genre()).stream().findFirst()
                        .ifPresent(title -> picks.add("\"" + title + "\" for " + subject.genre().name()));
            }
        }
        return picks.isEmpty() ? "" : "To hear the connection, listen to " + String.join(" and then ", picks) + ".";
    }

    private List<String> lineage(Subject from, Subject to) {
        List<String> sentences = new ArrayList<>();
        for (Subject subject : List.of(from, to)) {
            if (subject.artist() != null) {
                for (String genreId : subject.artist().genres()) {
                    catalog.genre(genreId).ifPresent(genre -> sentences.add(genre.description()));
                    List<String> peers = catalog.artistsOf(genreId).stream()
                            .filter(peer -> !peer.id().equals(subject.artist().id())).map(Artist::name).limit(3)
                            .toList();
                    if (!peers.isEmpty()) {
                        sentences.add("Other " + name(genreId) + " artists in the catalog include "
                                + joined(peers) + ".");
                    }
                }
            } else if (subject.genre() != null) {
                List<String> names = catalog.artistsOf(subject.genre().id()).stream().map(Artist::name).limit(4)
                        .toList();
                if (!names.isEmpty()) {
                    sentences.add("Its artists in the catalog include " + joined(names) + ".");
                }
            }
        }
        if (sentences.isEmpty()) {
            catalog.genres().stream().filter(genre -> genre.parents().isEmpty()).limit(4)
                    .forEach(genre -> sentences.add(genre.description()));
        }
        return sentences;
    }

    /** 150 to 200 words: the facts first, then background sentences as long as they fit. */
    private static String compose(List<String> facts, List<String> extra) {
        StringBuilder text = new StringBuilder();
        int words = 0;
        for (String sentence : Stream.concat(facts.stream(), extra.stream()).filter(s -> s != null && !s.isBlank())
                .distinct().toList()) {
            int count = sentence.strip().split("\\s+").length;
            if (words + count > 200) {
                continue;
            }
            text.append(text.isEmpty() ? "" : " ").append(sentence.strip());
            words += count;
        }
        List<String> fillers = List.of(
                "The offline catalog keeps to documented facts: years, places, influences and collaborations.",
                "Follow the pathways from either node to see where the story leads next.",
                "Every connection on this map can be checked against the artists' own recorded history.",
                "Listening to both sides in order is the quickest way to hear what passed from one to the other.",
                "Each step of a journey adds another link to the story, and another set of songs to hear.");
        for (String filler : fillers) {
            if (words >= 150) {
                break;
            }
            int count = filler.split("\\s+").length;
            if (words + count <= 200) {
                text.append(" ").append(filler);
                words += count;
            }
        }
        return text.toString();
    }

    // ------------------------------------------------------------------ sentences and helpers

    private PathwayNode artistNode(Artist artist, String firstSentence) {
        String second = artist.origin() == null ? artist.name() + " was active " + active(artist) + "."
                : artist.name() + " comes from " + artist.origin() + " and was active " + active(artist) + ".";
        return new PathwayNode(NodeType.ARTIST, artist.id(), artist.name(), firstSentence + " " + second,
                artist.tracks().stream().limit(MAX_TRACKS).toList());
    }

    private PathwayNode genreNode(Genre genre, String firstSentence) {
        List<String> names = catalog.artistsOf(genre.id()).stream()
                .sorted(Comparator.comparingInt(Artist::start).thenComparing(Artist::name))
                .map(Artist::name).limit(3).toList();
        String second = names.isEmpty()
                ? genre.name() + " has " + catalog.childrenOf(genre.id()).size() + " younger genres in the offline"
                + " catalog, among them " + joined(catalog.childrenOf(genre.id()).stream().map(Genre::name)
                .limit(3).toList()) + "."
                : "Artists of " + genre.name() + " in the offline catalog include " + joined(names) + ".";
        if (names.isEmpty() && catalog.childrenOf(genre.id()).isEmpty()) {
            second = genre.name() + " is one of " + catalog.genres().size() + " genres in the offline catalog.";
        }
        return new PathwayNode(NodeType.GENRE, genre.id(), genre.name(), firstSentence + " " + second,
                genreTracks(genre));
    }

    /** One title from each of the genre's earliest artists. */
    private List<String> genreTracks(Genre genre) {
        return catalog.artistsOf(genre.id()).stream()
                .sorted(Comparator.comparingInt(Artist::start).thenComparing(Artist::name))
                .filter(artist -> !artist.tracks().isEmpty())
                .map(artist -> artist.tracks().get(0))
                .distinct()
                .limit(MAX_TRACKS)
                .toList();
    }

    private static void put(Map<String, PathwayNode> nodes, PathwayNode node) {
        nodes.putIfAbsent(node.nodeId(), node);
    }

    private static List<PathwayNode> limit(Map<String, PathwayNode> nodes) {
        return nodes.values().stream().limit(MAX_NODES).toList();
    }

    private static void add(List<Pathway> pathways, PathwayType type, String title, List<PathwayNode> nodes) {
        if (nodes.size() >= MIN_NODES) {
            pathways.add(new Pathway(type, title, nodes.subList(0, Math.min(MAX_NODES, nodes.size()))));
        }
    }

    /** Artists of the same genres, then of the neighbouring ones (parents, children, siblings). */
    private List<Artist> related(Artist artist) {
        List<String> near = new ArrayList<>(artist.genres());
        for (String genreId : artist.genres()) {
            catalog.genre(genreId).ifPresent(genre -> {
                near.addAll(genre.parents());
                genre.parents().forEach(parent -> catalog.childrenOf(parent).forEach(sibling -> near.add(sibling.id())));
            });
            catalog.childrenOf(genreId).forEach(child -> near.add(child.id()));
        }
        return near.stream().distinct().flatMap(genreId -> catalog.artistsOf(genreId).stream())
                .filter(other -> !other.id().equals(artist.id())).distinct().toList();
    }

    /** Genres that took shape nearest in time to this one. */
    private Stream<Genre> sameYears(Genre genre) {
        int year = genreYear(genre);
        return catalog.genres().stream().filter(other -> !other.id().equals(genre.id()) && other.emergedIn() != null)
                .sorted(Comparator.comparingInt((Genre other) -> Math.abs(genreYear(other) - year))
                        .thenComparing(Genre::name));
    }

    private static boolean sameCountry(Artist a, Artist b) {
        return country(a).equals(country(b));
    }

    private static String country(Artist artist) {
        String origin = artist.origin() == null ? "" : artist.origin();
        return origin.substring(origin.lastIndexOf(',') + 1).strip();
    }

    private static boolean sharesGenre(Artist a, Artist b) {
        return a.genres().stream().anyMatch(b.genres()::contains);
    }

    private String sharedGenreName(Artist a, Artist b) {
        return a.genres().stream().filter(b.genres()::contains).findFirst().map(this::name)
                .orElseGet(() -> a.genres().isEmpty() ? "music" : name(a.genres().get(0)));
    }

    private String genreNames(Artist artist) {
        return joined(artist.genres().stream().map(this::name).toList());
    }

    private String name(String genreId) {
        return catalog.genre(genreId).map(Genre::name).orElse(genreId);
    }

    private List<Genre> parents(Genre genre) {
        return genre.parents().stream().map(catalog::genre).flatMap(Optional::stream).toList();
    }

    private int genreYear(Genre genre) {
        return genre.emergedIn() == null ? 0 : genre.emergedIn();
    }

    private static String emerged(Genre genre) {
        return genre.emergedIn() == null ? "" : ", which took shape around " + genre.emergedIn();
    }

    static String active(Artist artist) {
        return artist.activeTo() == null ? "from " + artist.start() + " onwards"
                : artist.activeTo() == artist.start() ? "in " + artist.start()
                : "from " + artist.start() + " to " + artist.activeTo();
    }

    private static String since(Artist artist) {
        return "was recording from " + artist.start();
    }

    private static String sinceBefore(Artist earlier, Artist later) {
        int gap = later.start() - earlier.start();
        return gap == 0 ? ", the year " + later.name() + " began" : ", " + years(gap) + " before " + later.name()
                + " began";
    }

    private static String together(Artist a, Artist b) {
        int from = Math.max(a.start(), b.start());
        return "both active by " + from;
    }

    private static String overlap(Artist a, Artist b, int now) {
        int from = Math.max(a.start(), b.start());
        Integer aEnd = a.activeTo();
        Integer bEnd = b.activeTo();
        Integer to = aEnd == null ? bEnd : bEnd == null ? aEnd : Integer.valueOf(Math.min(aEnd, bEnd));
        if (to == null) {
            return "both active from " + from + " onwards";
        }
        return Objects.equals(to, from) ? "both active in " + from : "both active from " + from + " to " + to;
    }

    private static String years(int count) {
        return count == 1 ? "one year" : count + " years";
    }

    private static String readable(String connectionType) {
        String type = connectionType == null || connectionType.isBlank() ? "related" : connectionType;
        return PathwayType.parse(type).map(PathwayType::wireName).orElse(type).replace('_', ' ');
    }

    private static String joined(Collection<String> names) {
        List<String> list = List.copyOf(names);
        if (list.isEmpty()) {
            return "none yet";
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
    }

    /** A fixed order for one seed, so an unknown node always gets the same starting points. */
    private static <T> List<T> rotate(List<T> items, String seed) {
        if (items.isEmpty()) {
            return items;
        }
        int shift = Math.floorMod(seed.hashCode(), items.size());
        List<T> rotated = new ArrayList<>(items.subList(shift, items.size()));
        rotated.addAll(items.subList(0, shift));
        return rotated;
    }

    private int currentYear() {
        return clock.instant().atZone(ZoneOffset.UTC).getYear();
    }
}
