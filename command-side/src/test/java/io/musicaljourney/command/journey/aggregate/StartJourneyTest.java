package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.Visit;
import io.musicaljourney.journey.event.JourneyGraphSavedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.journey.JourneyLimits.MAX_ATTRIBUTES_CHARS;
import static io.musicaljourney.journey.JourneyLimits.MAX_GRAPH_CHARS;
import static io.musicaljourney.journey.JourneyLimits.MAX_ID_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NAME_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NARRATIVE_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NODES;
import static io.musicaljourney.journey.JourneyLimits.MAX_TITLE_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_TRACKS;
import static io.musicaljourney.journey.JourneyLimits.MAX_URL_LENGTH;
import static io.musicaljourney.journey.JourneyRejection.INVALID;
import static io.musicaljourney.journey.JourneyRejection.LIMIT_REACHED;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.OWNER;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TITLE;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.artist;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.graph;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nestedMaps;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.node;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.sequenceNumbers;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.start;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.startAt;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.startWithTitle;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.text;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.track;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackAdded;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visit;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitOf;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

class StartJourneyTest {

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void startingAJourneyRecordsItsOwnerTitleAndStartingNode() {
        fixture.givenNoPriorActivity()
                .when(startWithTitle(TITLE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JourneyStartedEvent(JOURNEY_ID, OWNER, TITLE, START))
                .expectResultMessagePayload(JOURNEY_ID);
    }

    @Test
    void startingWithWhatTheClientExploredRecordsVisitsTracksDrawingAndSharingInThatOrder() {
        Visit first = visitFromStart("coltrane");
        Visit second = visit("pharoah", "coltrane");
        CollectedTrack atStart = trackFromStart("so-what");
        CollectedTrack atSecond = track("karma", "pharoah");
        Map<String, Object> drawing = graph("coltrane", "pharoah");

        fixture.givenNoPriorActivity()
                .when(start(List.of(first, second), List.of(atStart, atSecond), drawing, TOKEN))
                .expectEvents(
                        started(),
                        visited(first),
                        visited(second),
                        trackAdded(atStart),
                        trackAdded(atSecond),
                        new JourneyGraphSavedEvent(JOURNEY_ID, drawing),
                        new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .expectResultMessagePayload(JOURNEY_ID);
    }

    @Test
    void theEventsOfANewJourneyAreNumberedFromZero() {
        fixture.givenNoPriorActivity()
                .when(start(List.of(visitFromStart("a"), visitFromStart("b")), List.of(trackFromStart("t")), null,
                        null))
                .expectEventsMatching(predicate(events -> sequenceNumbers(events).equals(List.of(0L, 1L, 2L, 3L))));
    }

    @Test
    void aBlankTitleStartsAnUntitledJourney() {
        fixture.givenNoPriorActivity()
                .when(startWithTitle("   "))
                .expectEvents(new JourneyStartedEvent(JOURNEY_ID, OWNER, null, START));
    }

    @Test
    void aMissingTitleStartsAnUntitledJourney() {
        fixture.givenNoPriorActivity()
                .when(startWithTitle(null))
                .expectEvents(new JourneyStartedEvent(JOURNEY_ID, OWNER, null, START));
    }

    @Test
    void theTitleIsStoredWithoutSurroundingWhitespace() {
        fixture.givenNoPriorActivity()
                .when(startWithTitle("  Jazz roots \n"))
                .expectEvents(new JourneyStartedEvent(JOURNEY_ID, OWNER, "Jazz roots", START));
    }

    @Test
    void aTitleOfTheMaximumLengthIsAccepted() {
        String longest = text(MAX_TITLE_LENGTH);
        fixture.givenNoPriorActivity()
                .when(startWithTitle(longest))
                .expectEvents(new JourneyStartedEvent(JOURNEY_ID, OWNER, longest, START));
    }

    @Test
    void aTitleLongerThanTheLimitIsRejected() {
        fixture.givenNoPriorActivity()
                .when(startWithTitle(text(MAX_TITLE_LENGTH + 1)))
                .expectException(rejectedAs(INVALID, "title is longer than " + MAX_TITLE_LENGTH))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(NodeType.class)
    void aJourneyMayStartAtANodeOfEveryType(NodeType type) {
        NodeRef startingNode = node("start-" + type.wireName(), type, "A " + type.wireName());
        fixture.givenNoPriorActivity()
                .when(startAt(startingNode))
                .expectEvents(new JourneyStartedEvent(JOURNEY_ID, OWNER, TITLE, startingNode));
    }

    @Test
    void theNodeTypesAreArtistTrackAlbumAndGenreAndNoOther() {
        assertThat(NodeType.values()).extracting(NodeType::wireName)
                .containsExactly("artist", "track", "album", "genre");
        assertThat(NodeType.parse("playlist")).isEmpty();
        assertThat(PathwayType.parse("genre_connections")).contains(PathwayType.GENRE);
    }

    @Test
    void aStartingNodeWithoutANameIsRejected() {
        fixture.givenNoPriorActivity()
                .when(startAt(node("somebody", NodeType.ARTIST, "  ")))
                .expectException(rejectedAs(INVALID, "nodeName is required"));
    }

    @Test
    void aStartingNodeNameLongerThanTheLimitIsRejected() {
        fixture.givenNoPriorActivity()
                .when(startAt(node("somebody", NodeType.ARTIST, text(MAX_NAME_LENGTH + 1))))
                .expectException(rejectedAs(INVALID, "nodeName is longer than " + MAX_NAME_LENGTH));
    }

    @Test
    void aStartingNodeIdLongerThanTheLimitIsRejected() {
        fixture.givenNoPriorActivity()
                .when(startAt(node(text(MAX_ID_LENGTH + 1), NodeType.GENRE, "Free jazz")))
                .expectException(rejectedAs(INVALID, "nodeId is longer than " + MAX_ID_LENGTH));
    }

    @Test
    void anInitialVisitMayComeFromTheStartingNodeOrAnotherInitialVisit() {
        Visit fromStart = visitFromStart("coltrane");
        Visit fromVisit = visit("alice", "coltrane");
        fixture.givenNoPriorActivity()
                .when(start(List.of(fromStart, fromVisit), null, null, null))
                .expectEvents(started(), visited(fromStart), visited(fromVisit));
    }

    @Test
    void anInitialVisitWithoutParentIsAFreeStandingNode() {
        Visit freeStanding = visit("sun-ra", null);
        fixture.givenNoPriorActivity()
                .when(start(List.of(freeStanding), null, null, null))
                .expectEvents(started(), visited(freeStanding));
    }

    @Test
    void cannotStartWithAVisitWhoseParentIsNotOnTheJourney() {
        fixture.givenNoPriorActivity()
                .when(start(List.of(visit("coltrane", "nowhere")), null, null, null))
                .expectException(rejectedAs(INVALID, "parentNodeId"))
                .expectNoEvents();
    }

    @Test
    void aNodeVisitedTwiceAtTheStartIsRecordedOnceAsFirstSent() {
        Visit first = visitFromStart("coltrane");
        Visit again = visitOf(new NodeRef(NodeId.of("coltrane"), NodeType.ARTIST, "Trane"), null);
        fixture.givenNoPriorActivity()
                .when(start(List.of(first, again), null, null, null))
                .expectEvents(started(), visited(first));
    }

    @Test
    void theExtraFieldsOfAnInitialVisitAreKeptVerbatim() {
        Visit described = new Visit(artist("coltrane"), PathwayType.GENRE, START_ID, "A story",
                Map.of("description", "Two sentences.", "representativeTrackTitles", List.of("Naima", "Alabama")));
        fixture.givenNoPriorActivity()
                .when(start(List.of(described), null, null, null))
                .expectEvents(started(), visited(described));
    }

    @Test
    void anInitialVisitWithANarrativeLongerThanTheLimitIsRejected() {
        Visit wordy = new Visit(artist("coltrane"), PathwayType.INFLUENCES, START_ID,
                text(MAX_NARRATIVE_LENGTH + 1), Map.of());
        fixture.givenNoPriorActivity()
                .when(start(List.of(wordy), null, null, null))
                .expectException(rejectedAs(INVALID, "narrative is longer than " + MAX_NARRATIVE_LENGTH));
    }

    @Test
    void anInitialVisitWithTooLargeExtraFieldsIsRejected() {
        Visit bloated = new Visit(artist("coltrane"), PathwayType.INFLUENCES, START_ID, null,
                Map.of("description", text(MAX_ATTRIBUTES_CHARS)));
        fixture.givenNoPriorActivity()
                .when(start(List.of(bloated), null, null, null))
                .expectException(rejectedAs(LIMIT_REACHED, "extra fields"));
    }

    @Test
    void anInitialVisitWithTooDeeplyNestedExtraFieldsIsRejected() {
        Visit nested = new Visit(artist("coltrane"), PathwayType.INFLUENCES, START_ID, null,
                Map.of("deep", nestedMaps(JsonShape.MAX_DEPTH + 1)));
        fixture.givenNoPriorActivity()
                .when(start(List.of(nested), null, null, null))
                .expectException(rejectedAs(INVALID, "nested too deeply"));
    }

    @Test
    void asManyInitialVisitsAsTheNodeLimitAreAccepted() {
        fixture.givenNoPriorActivity()
                .when(start(visitsFromStart(MAX_NODES), null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(predicate(events -> events.size() == MAX_NODES + 1));
    }

    @Test
    void moreInitialVisitsThanTheNodeLimitAreRejected() {
        fixture.givenNoPriorActivity()
                .when(start(visitsFromStart(MAX_NODES + 1), null, null, null))
                .expectException(rejectedAs(LIMIT_REACHED, "at most " + MAX_NODES + " nodes"))
                .expectNoEvents();
    }

    @Test
    void anInitialTrackWithoutOriginBelongsToTheStartingNode() {
        fixture.givenNoPriorActivity()
                .when(start(null, List.of(track("so-what", null)), null, null))
                .expectEvents(started(), trackAdded("so-what", START_ID.value()));
    }

    @Test
    void anInitialTrackMayComeFromAnInitialVisit() {
        Visit coltrane = visitFromStart("coltrane");
        fixture.givenNoPriorActivity()
                .when(start(List.of(coltrane), List.of(track("naima", "coltrane")), null, null))
                .expectEvents(started(), visited(coltrane), trackAdded("naima", "coltrane"));
    }

    @Test
    void cannotStartWithATrackFromANodeNotOnTheJourney() {
        fixture.givenNoPriorActivity()
                .when(start(null, List.of(track("naima", "coltrane")), null, null))
                .expectException(rejectedAs(INVALID, "fromNodeId"))
                .expectNoEvents();
    }

    @Test
    void aTrackSentTwiceAtTheStartIsRecordedOnce() {
        fixture.givenNoPriorActivity()
                .when(start(null, List.of(trackFromStart("so-what"), trackFromStart("so-what")), null, null))
                .expectEvents(started(), trackAdded("so-what", START_ID.value()));
    }

    @Test
    void anInitialTrackWithoutANameIsRejected() {
        CollectedTrack nameless = new CollectedTrack(
                new TrackRef(TrackId.of("so-what"), " ", "Miles Davis", null, null), START_ID, Map.of());
        fixture.givenNoPriorActivity()
                .when(start(null, List.of(nameless), null, null))
                .expectException(rejectedAs(INVALID, "trackName is required"));
    }

    @Test
    void anInitialTrackWithAPreviewUrlLongerThanTheLimitIsRejected() {
        CollectedTrack longUrl = new CollectedTrack(new TrackRef(TrackId.of("so-what"), "So What", "Miles Davis",
                null, "https://p.scdn.co/" + text(MAX_URL_LENGTH)), START_ID, Map.of());
        fixture.givenNoPriorActivity()
                .when(start(null, List.of(longUrl), null, null))
                .expectException(rejectedAs(INVALID, "previewUrl is longer than " + MAX_URL_LENGTH));
    }

    @Test
    void moreInitialTracksThanTheTrackLimitAreRejected() {
        List<CollectedTrack> tracks = new ArrayList<>();
        for (int i = 0; i <= MAX_TRACKS; i++) {
            tracks.add(trackFromStart("track-" + i));
        }
        fixture.givenNoPriorActivity()
                .when(start(null, tracks, null, null))
                .expectException(rejectedAs(LIMIT_REACHED, "at most " + MAX_TRACKS + " tracks"))
                .expectNoEvents();
    }

    @Test
    void anEmptyInitialDrawingIsNotRecorded() {
        fixture.givenNoPriorActivity()
                .when(start(null, null, Map.of(), null))
                .expectEvents(started());
    }

    @Test
    void anInitialDrawingLargerThanTheLimitIsRejected() {
        fixture.givenNoPriorActivity()
                .when(start(null, null, Map.of("blob", text(MAX_GRAPH_CHARS)), null))
                .expectException(rejectedAs(LIMIT_REACHED, "graph is larger"))
                .expectNoEvents();
    }

    @Test
    void anInitialDrawingNestedTooDeeplyIsRejected() {
        fixture.givenNoPriorActivity()
                .when(start(null, null, nestedMaps(JsonShape.MAX_DEPTH + 1), null))
                .expectException(rejectedAs(INVALID, "graph is nested too deeply"));
    }

    @Test
    void aJourneyStartedWithATokenIsSharedUnderThatToken() {
        fixture.givenNoPriorActivity()
                .when(start(null, null, null, TOKEN))
                .expectEvents(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN));
    }

    private static List<Visit> visitsFromStart(int count) {
        List<Visit> visits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            visits.add(visitFromStart("node-" + i));
        }
        return visits;
    }
}
