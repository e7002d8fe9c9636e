package io.musicaljourney.pathway.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathway;
import io.musicaljourney.pathway.PathwayNode;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.catalog.OfflineCatalog.Artist;
import io.musicaljourney.pathway.catalog.OfflineCatalog.Genre;
import io.musicaljourney.pathway.model.PathwayOutputValidator;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CatalogPathwayProviderTest {

    private static final OfflineCatalog CATALOG = new OfflineCatalog();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    private final CatalogPathwayProvider provider = new CatalogPathwayProvider(CATALOG, CLOCK);
    private final PathwayOutputValidator validator = new PathwayOutputValidator(new ObjectMapper());

    @Test
    void theCatalogHoldsAtLeastOneHundredFiftyArtistsWithResolvableReferences() {
        assertThat(CATALOG.artists()).hasSizeGreaterThanOrEqualTo(150);
        for (Artist artist : CATALOG.artists()) {
            assertThat(artist.id()).startsWith("mjc-");
            assertThat(artist.genres()).allSatisfy(genre -> assertThat(CATALOG.genre(genre)).isPresent());
            assertThat(artist.influences()).allSatisfy(id -> assertThat(CATALOG.artist(id)).isPresent());
            assertThat(artist.tracks()).isNotEmpty();
        }
    }

    @Test
    void everyArtistAndEveryGenreGetsPathwaysThatPassTheModelsSchema() {
        List<String> failures = new ArrayList<>();
        for (Artist artist : CATALOG.artists()) {
            check(new FetchPathwaysQuery(NodeType.ARTIST, artist.id(), artist.name(), List.of()), failures);
        }
        for (Genre genre : CATALOG.genres()) {
            check(new FetchPathwaysQuery(NodeType.GENRE, genre.id(), genre.name(), List.of()), failures);
        }
        assertThat(failures).isEmpty();
    }

    private void check(FetchPathwaysQuery query, List<String> failures) {
        try {
            validator.check(provider.pathways(query));
        } catch (RuntimeException failure) {
            failures.add(query.nodeId() + ": " + failure.getMessage());
        }
    }

    @Test
    void everyArtistIsReachableByFollowingPathwaysFromOneStartingNode() {
        Set<String> seen = new HashSet<>();
        Deque<PathwayNode> queue = new ArrayDeque<>();
        queue.add(new PathwayNode(NodeType.GENRE, "blues", "Blues", "", List.of()));
        while (!queue.isEmpty()) {
            PathwayNode node = queue.poll();
            if (!seen.add(node.nodeType().wireName() + ":" + node.nodeId())) {
                continue;
            }
            provider.pathways(new FetchPathwaysQuery(node.nodeType(), node.nodeId(), node.nodeName(), List.of()))
                    .pathways().forEach(pathway -> queue.addAll(pathway.nodes()));
        }
        Set<String> unreachable = CATALOG.artists().stream().map(Artist::id)
                .filter(id -> !seen.contains("artist:" + id)).collect(Collectors.toSet());
        assertThat(unreachable).isEmpty();
    }

    @Test
    void everyPathwayTypeIsAnsweredForASampleOfNodes() {
        Set<PathwayType> types = EnumSet.noneOf(PathwayType.class);
        for (String id : List.of("mjc-robert-johnson", "mjc-the-beatles", "mjc-miles-davis", "mjc-david-bowie")) {
            Artist artist = CATALOG.artist(id).orElseThrow();
            provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, id, artist.name(), List.of())).pathways()
                    .forEach(pathway -> types.add(pathway.type()));
        }
        assertThat(types).containsExactlyInAnyOrder(PathwayType.values());
    }

    @Test
    void influencesComeBeforeTheArtistAndLegacyAfterIt() {
        for (Artist artist : CATALOG.artists()) {
            Pathways answer = provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, artist.id(), artist.name(),
                    List.of()));
            for (Pathway pathway : answer.pathways()) {
                for (PathwayNode node : pathway.nodes()) {
                    CATALOG.artist(node.nodeId()).ifPresent(other -> {
                        if (pathway.type() == PathwayType.INFLUENCES) {
                            assertThat(other.start()).as(node.nodeName() + " before " + artist.name())
                                    .isLessThanOrEqualTo(artist.start());
                        }
                        if (pathway.type() == PathwayType.LEGACY) {
                            assertThat(other.start()).as(node.nodeName() + " after " + artist.name())
                                    .isGreaterThanOrEqualTo(artist.start());
                        }
                    });
                }
            }
        }
    }

    @Test
    void artistsYoungerThanTenYearsHaveNoLegacyYet() {
        CATALOG.artists().stream().filter(artist -> artist.start() > 2015).forEach(artist ->
                assertThat(provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, artist.id(), artist.name(),
                        List.of())).pathways()).noneMatch(pathway -> pathway.type() == PathwayType.LEGACY));
    }

    @Test
    void theSameNodeAlwaysGetsTheSameAnswerWhateverWasVisitedBefore() {
        Pathways first = provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, "mjc-the-beatles", "The Beatles",
                List.of()));
        Pathways second = provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, "mjc-the-beatles",
                "The Beatles", List.of("Elvis Presley", "Chuck Berry")));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aSpotifyIdIsResolvedByTheArtistsName() {
        Pathways byName = provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, "4Z8W4fKeB5YxbusRsdQVPb",
                "Radiohead", List.of()));
        Pathways byId = provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, "mjc-radiohead", "Radiohead",
                List.of()));
        assertThat(byName).isEqualTo(byId);
    }

    @Test
    void unknownNodesOfEveryTypeStillGetValidPathwaysFromTheCatalog() {
        for (NodeType type : NodeType.values()) {
            Pathways answer = provider.pathways(new FetchPathwaysQuery(type, "no-such-node-" + type,
                    "Nobody We Know " + type, List.of()));
            assertThatCode(() -> validator.check(answer)).as(type.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void aTrackNodeLeadsToThePathwaysOfItsArtist() {
        Pathways byTrack = provider.pathways(new FetchPathwaysQuery(NodeType.TRACK, "spotify-id", "Paranoid Android",
                List.of()));
        Pathways byArtist = provider.pathways(new FetchPathwaysQuery(NodeType.ARTIST, "mjc-radiohead", "Radiohead",
                List.of()));
        assertThat(byTrack).isEqualTo(byArtist);
    }

    @Test
    void narrativesAreOneHundredFiftyToTwoHundredWordsAndPassTheSchemaForRandomPairs() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<NodeRef> nodes = new ArrayList<>();
        CATALOG.artists().forEach(a -> nodes.add(new NodeRef(NodeId.of(a.id()), NodeType.ARTIST, a.name())));
        CATALOG.genres().forEach(g -> nodes.add(new NodeRef(NodeId.of(g.id()), NodeType.GENRE, g.name())));
        nodes.add(new NodeRef(NodeId.of("unknown-1"), NodeType.ALBUM, "An Album Nobody Knows"));
        List<String> types = List.of("influences", "legacy", "collaborators", "contemporaries", "genre", "related");
        for (int i = 0; i < 300; i++) {
            NodeRef from = nodes.get(random.nextInt(nodes.size()));
            NodeRef to = nodes.get(random.nextInt(nodes.size()));
            String type = types.get(random.nextInt(types.size()));
            ConnectionNarrative narrative = provider.narrative(new FetchConnectionNarrativeQuery(from, to, type));
            int words = PathwayOutputValidator.words(narrative.narrative());
            assertThat(words).as("seed " + seed + ": " + from.name() + " -> " + to.name() + " has " + words
                    + " words").isBetween(150, 200);
            assertThatCode(() -> validator.check(narrative)).as("seed " + seed).doesNotThrowAnyException();
            assertThat(narrative.sources()).allMatch(source -> source.startsWith("Offline catalog: "));
        }
    }

    @Test
    void aNarrativeOfADocumentedInfluenceNamesItAndItsYear() {
        Artist stones = CATALOG.artists().stream().filter(a -> !a.influences().isEmpty()
                && a.name().equals("The Rolling Stones")).findFirst().orElseThrow();
        Artist influence = CATALOG.artist(stones.influences().get(0)).orElseThrow();
        ConnectionNarrative narrative = provider.narrative(new FetchConnectionNarrativeQuery(
                new NodeRef(NodeId.of(influence.id()), NodeType.ARTIST, influence.name()),
                new NodeRef(NodeId.of(stones.id()), NodeType.ARTIST, stones.name()), "influences"));
        assertThat(narrative.narrative()).contains(stones.name() + " names " + influence.name()
                + " among its documented influences");
        assertThat(narrative.year()).isEqualTo(Math.max(influence.start(), stones.start()));
        assertThat(narrative.keyPoints()).contains(influence.name() + " is a documented influence on "
                + stones.name());
    }
}
