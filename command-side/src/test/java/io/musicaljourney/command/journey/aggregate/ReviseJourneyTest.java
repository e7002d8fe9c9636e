package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.Visit;
import io.musicaljourney.journey.event.JourneyGraphSavedEvent;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.journey.JourneyLimits.MAX_GRAPH_CHARS;
import static io.musicaljourney.journey.JourneyLimits.MAX_NODES;
import static io.musicaljourney.journey.JourneyLimits.MAX_TITLE_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_TRACKS;
import static io.musicaljourney.journey.JourneyRejection.INVALID;
import static io.musicaljourney.journey.JourneyRejection.LIMIT_REACHED;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.SECOND_TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TITLE;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixtureWithTokens;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.graph;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nestedMaps;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nodeId;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.revision;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.startedAnd;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.text;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.track;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackAdded;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackAddedEvents;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackId;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visit;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitOf;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visited;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitedEvents;

/**
 * The frontend's PATCH: a journey saved as a whole becomes the intent events that lead from the stored journey to
 * the one sent, in the order tracks removed, nodes removed, nodes added, tracks added, title, drawing, sharing.
 */
class ReviseJourneyTest {

    private static final String START = START_ID.value();

    /**
     * Started at the starting node; A from the start, B from A; track t1 at the start, t2 at B; drawing of A and
     * B. Sequence numbers 0 to 5.
     */
    private static List<Object> storedJourney() {
        return List.of(
                started(),
                visited("A", START),
                visited("B", "A"),
                trackAdded("t1", START),
                trackAdded("t2", "B"),
                new JourneyGraphSavedEvent(JOURNEY_ID, graph("A", "B")));
    }

    private static final long STORED_VERSION = 5;

    private static AggregateTestFixture<Journey> fixture(ShareToken... tokens) {
        return fixtureWithTokens(tokens);
    }

    // ---- the whole -------------------------------------------------------------------------------------------

    @Test
    void reviseTurnsTheSavedWholeIntoIntentEvents() {
        fixture(TOKEN)
                .given(storedJourney())
                .when(revision()
                        .title("Where A led")
                        .visits(visitFromStart("A"), visit("C", "A"))
                        .tracks(trackFromStart("t1"), track("t3", "C"), track("t4", null))
                        .graph(graph("A", "C"))
                        .shared(true)
                        .command())
                .expectEvents(
                        new TrackRemovedEvent(JOURNEY_ID, trackId("t2")),
                        new NodeVisitRemovedEvent(JOURNEY_ID, nodeId("B")),
                        visited("C", "A"),
                        trackAdded("t3", "C"),
                        trackAdded("t4", START),
                        new JourneyRenamedEvent(JOURNEY_ID, "Where A led"),
                        new JourneyGraphSavedEvent(JOURNEY_ID, graph("A", "C")),
                        new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .expectResultMessagePayloadMatching(result(STORED_VERSION + 8, TOKEN));
    }

    @Test
    void aRevisionWithEveryFieldNullChangesNothing() {
        fixture()
                .given(storedJourney())
                .when(revision().command())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(STORED_VERSION, null));
    }

    @Test
    void aRevisionThatRepeatsTheStoredJourneyChangesNothing() {
        fixture()
                .given(storedJourney())
                .when(revision()
                        .title(TITLE)
                        .visits(visitFromStart("A"), visit("B", "A"))
                        .tracks(trackFromStart("t1"), track("t2", "B"))
                        .graph(graph("A", "B"))
                        .shared(false)
                        .command())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(STORED_VERSION, null));
    }

    // ---- nodes -------------------------------------------------------------------------------------------

    @Test
    void nullVisitsKeepTheStoredNodes() {
        fixture()
                .given(storedJourney())
                .when(revision().tracks(trackFromStart("t1"), track("t2", "B"), track("t5", "A")).command())
                .expectEvents(trackAdded("t5", "A"))
                .expectResultMessagePayloadMatching(result(STORED_VERSION + 1, null));
    }

    @Test
    void aNodeLeftOutOfTheRevisionIsTakenOffTogetherWithItsTracksTracksFirst() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A")).tracks(trackFromStart("t1")).command())
                .expectEvents(
                        new TrackRemovedEvent(JOURNEY_ID, trackId("t2")),
                        new NodeVisitRemovedEvent(JOURNEY_ID, nodeId("B")))
                .expectResultMessagePayloadMatching(result(STORED_VERSION + 2, null));
    }

    @Test
    void aNewNodeMayBeReachedFromAnotherNewNodeOfTheSameRevision() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A"), visit("B", "A"), visit("C", "B"), visit("D", "C"))
                        .command())
                .expectEvents(visited("C", "B"), visited("D", "C"));
    }

    @Test
    void aNewNodeReachedFromANodeNotOnTheJourneyIsRejected() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A"), visit("B", "A"), visit("C", "nowhere")).command())
                .expectException(rejectedAs(INVALID, "parentNodeId"))
                .expectNoEvents();
    }

    @Test
    void aNewNodeReachedFromANodeRemovedInTheSameRevisionIsRejected() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A"), visit("C", "B")).tracks(trackFromStart("t1")).command())
                .expectException(rejectedAs(INVALID, "parentNodeId"))
                .expectNoEvents();
    }

    @Test
    void aNewNodeWithoutANameIsRejected() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A"), visit("B", "A"),
                        visitOf(new NodeRef(NodeId.of("C"), NodeType.ARTIST, " "), nodeId("A"))).command())
                .expectException(rejectedAs(INVALID, "nodeName is required"));
    }

    @Test
    void keptNodesKeepTheirHistoryWhateverTheClientSendsForThem() {
        Visit renamedCopyOfA = visitOf(new NodeRef(NodeId.of("A"), NodeType.ARTIST, "Renamed A"), null);
        fixture()
                .given(storedJourney())
                .when(revision().visits(renamedCopyOfA, visit("B", "A")).command())
                .expectNoEvents();
    }

    @Test
    void aNodeSentTwiceIsAddedOnce() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A"), visit("B", "A"), visit("C", "A"), visit("C", "B"))
                        .command())
                .expectEvents(visited("C", "A"));
    }

    @Test
    void theStartingNodeSentAmongTheVisitedNodesIsRecordedAsVisited() {
        Visit startingNode = visitOf(JourneyFixtures.START, null);
        fixture()
                .given(storedJourney())
                .when(revision().visits(startingNode, visitFromStart("A"), visit("B", "A")).command())
                .expectEvents(visited(startingNode));
    }

    @Test
    void aRevisionWithMoreNodesThanTheLimitIsRejected() {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i <= MAX_NODES; i++) {
            visits.add(visitFromStart("node-" + i));
        }
        fixture()
                .given(started())
                .when(revision().visits(visits.toArray(Visit[]::new)).command())
                .expectException(rejectedAs(LIMIT_REACHED, "at most " + MAX_NODES + " nodes"))
                .expectNoEvents();
    }

    @Test
    void aFullJourneyCanSwapANodeInOneRevision() {
        List<Visit> visits = new ArrayList<>();
        for (int i = 1; i < MAX_NODES; i++) {
            visits.add(visitFromStart("node-" + i));
        }
        visits.add(visitFromStart("replacement"));
        fixture()
                .given(startedAnd(visitedEvents(MAX_NODES)))
                .when(revision().visits(visits.toArray(Visit[]::new)).command())
                .expectEvents(new NodeVisitRemovedEvent(JOURNEY_ID, nodeId("node-0")),
                        visited(visitFromStart("replacement")))
                .expectResultMessagePayloadMatching(result(MAX_NODES + 2, null));
    }

    // ---- tracks ------------------------------------------------------------------------------------------

    @Test
    void nullTracksKeepTheStoredTracks() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A"), visit("B", "A"), visit("C", "B")).command())
                .expectEvents(visited("C", "B"));
    }

    @Test
    void anEmptyTrackListTakesEveryTrackOff() {
        fixture()
                .given(storedJourney())
                .when(revision().tracks().command())
                .expectEvents(new TrackRemovedEvent(JOURNEY_ID, trackId("t1")),
                        new TrackRemovedEvent(JOURNEY_ID, trackId("t2")));
    }

    @Test
    void tracksSentWithoutOriginGoToTheStartingNode() {
        fixture()
                .given(storedJourney())
                .when(revision().tracks(trackFromStart("t1"), track("t2", "B"), track("t5", null)).command())
                .expectEvents(trackAdded("t5", START));
    }

    @Test
    void keptTracksKeepTheirHistoryWhateverTheClientSendsForThem() {
        fixture()
                .given(storedJourney())
                .when(revision().tracks(track("t1", "A"), track("t2", null)).command())
                .expectNoEvents();
    }

    @Test
    void aNewTrackFromANodeNotOnTheJourneyIsRejected() {
        fixture()
                .given(storedJourney())
                .when(revision().tracks(trackFromStart("t1"), track("t2", "B"), track("t5", "nowhere")).command())
                .expectException(rejectedAs(INVALID, "fromNodeId"))
                .expectNoEvents();
    }

    @Test
    void aRevisionThatWouldLeaveATrackOnARemovedNodeIsRejected() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A")).command())
                .expectException(rejectedAs(INVALID, "fromNodeId must be a node visited on this journey"))
                .expectNoEvents();
    }

    @Test
    void aRevisionThatSendsATrackOnTheNodeItRemovesIsRejected() {
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A")).tracks(trackFromStart("t1"), track("t2", "B"))
                        .command())
                .expectException(rejectedAs(INVALID, "fromNodeId"))
                .expectNoEvents();
    }

    @Test
    void aKeptTrackSentWithoutOriginStillBelongsToItsNodeSoRemovingThatNodeIsRejected() {
        // t2 was collected at B. An older frontend saves tracks without origin; the stored track stays at B,
        // so taking B off would leave t2 on a removed node.
        fixture()
                .given(storedJourney())
                .when(revision().visits(visitFromStart("A")).tracks(trackFromStart("t1"), track("t2", null))
                        .command())
                .expectException(rejectedAs(INVALID, "fromNodeId"))
                .expectNoEvents();
    }

    @Test
    void aRevisionWithMoreTracksThanTheLimitIsRejected() {
        List<CollectedTrack> tracks = new ArrayList<>();
        for (int i = 0; i <= MAX_TRACKS; i++) {
            tracks.add(trackFromStart("track-" + i));
        }
        fixture()
                .given(started())
                .when(revision().tracks(tracks.toArray(CollectedTrack[]::new)).command())
                .expectException(rejectedAs(LIMIT_REACHED, "at most " + MAX_TRACKS + " tracks"))
                .expectNoEvents();
    }

    @Test
    void aFullJourneyCanSwapATrackInOneRevision() {
        List<CollectedTrack> tracks = new ArrayList<>();
        for (int i = 1; i < MAX_TRACKS; i++) {
            tracks.add(trackFromStart("track-" + i));
        }
        tracks.add(trackFromStart("replacement"));
        fixture()
                .given(startedAnd(trackAddedEvents(MAX_TRACKS)))
                .when(revision().tracks(tracks.toArray(CollectedTrack[]::new)).command())
                .expectEvents(new TrackRemovedEvent(JOURNEY_ID, trackId("track-0")),
                        trackAdded("replacement", START));
    }

    // ---- title and drawing ------------------------------------------------------------------------------

    @Test
    void aNewTitleRenamesTheJourney() {
        fixture()
                .given(storedJourney())
                .when(revision().title(" Blue in green ").command())
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, "Blue in green"));
    }

    @Test
    void aBlankTitleClearsTheTitle() {
        fixture()
                .given(storedJourney())
                .when(revision().title("").command())
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, null));
    }

    @Test
    void theSameTitleRecordsNothing() {
        fixture()
                .given(storedJourney())
                .when(revision().title(TITLE).command())
                .expectNoEvents();
    }

    @Test
    void aTitleLongerThanTheLimitRejectsTheWholeRevision() {
        fixture()
                .given(storedJourney())
                .when(revision().title(text(MAX_TITLE_LENGTH + 1)).tracks().shared(true).command())
                .expectException(rejectedAs(INVALID, "title is longer than " + MAX_TITLE_LENGTH))
                .expectNoEvents();
    }

    @Test
    void aChangedDrawingIsSaved() {
        fixture()
                .given(storedJourney())
                .when(revision().graph(graph("A")).command())
                .expectEvents(new JourneyGraphSavedEvent(JOURNEY_ID, graph("A")));
    }

    @Test
    void theSameDrawingRecordsNothing() {
        fixture()
                .given(storedJourney())
                .when(revision().graph(graph("A", "B")).command())
                .expectNoEvents();
    }

    @Test
    void anEmptyDrawingClearsTheSavedOne() {
        fixture()
                .given(storedJourney())
                .when(revision().graph(Map.of()).command())
                .expectEvents(new JourneyGraphSavedEvent(JOURNEY_ID, Map.of()));
    }

    @Test
    void aDrawingLargerThanTheLimitRejectsTheWholeRevision() {
        fixture()
                .given(storedJourney())
                .when(revision().title("Changed").graph(Map.of("blob", text(MAX_GRAPH_CHARS))).command())
                .expectException(rejectedAs(LIMIT_REACHED, "graph is larger"))
                .expectNoEvents();
    }

    @Test
    void aDrawingNestedTooDeeplyRejectsTheWholeRevision() {
        fixture()
                .given(storedJourney())
                .when(revision().graph(nestedMaps(JsonShape.MAX_DEPTH + 1)).command())
                .expectException(rejectedAs(INVALID, "graph is nested too deeply"))
                .expectNoEvents();
    }

    // ---- sharing -----------------------------------------------------------------------------------------

    @Test
    void sharedTrueSharesAnUnsharedJourneyUnderAFreshToken() {
        fixture(TOKEN)
                .given(storedJourney())
                .when(revision().shared(true).command())
                .expectEvents(new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .expectResultMessagePayloadMatching(result(STORED_VERSION + 1, TOKEN));
    }

    @Test
    void sharedTrueKeepsTheTokenOfASharedJourney() {
        fixture()
                .given(startedAnd(List.of(new JourneySharedEvent(JOURNEY_ID, TOKEN))))
                .when(revision().shared(true).command())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, TOKEN));
    }

    @Test
    void sharedNullKeepsTheSharingAsItIs() {
        fixture()
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(revision().title("Changed").command())
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, "Changed"))
                .expectResultMessagePayloadMatching(result(2, TOKEN));
    }

    @Test
    void sharedFalseRevokesTheToken() {
        fixture()
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(revision().shared(false).command())
                .expectEvents(new JourneyUnsharedEvent(JOURNEY_ID))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void sharedFalseOnAnUnsharedJourneyRecordsNothing() {
        fixture()
                .given(started())
                .when(revision().shared(false).command())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(0, null));
    }

    @Test
    void theRotateFlagReplacesTheTokenOfAJourneyThatStaysShared() {
        fixture(SECOND_TOKEN)
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(revision().shared(true).rotate().command())
                .expectEvents(new ShareTokenRotatedEvent(JOURNEY_ID, SECOND_TOKEN))
                .expectResultMessagePayloadMatching(result(2, SECOND_TOKEN));
    }

    @Test
    void theRotateFlagAloneReplacesTheTokenOfASharedJourney() {
        fixture(SECOND_TOKEN)
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(revision().rotate().command())
                .expectEvents(new ShareTokenRotatedEvent(JOURNEY_ID, SECOND_TOKEN))
                .expectResultMessagePayloadMatching(result(2, SECOND_TOKEN));
    }

    @Test
    void sharingAndRotatingAnUnsharedJourneyMintsOneToken() {
        fixture(TOKEN)
                .given(started())
                .when(revision().shared(true).rotate().command())
                .expectEvents(new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .expectResultMessagePayloadMatching(result(1, TOKEN));
    }

    @Test
    void theRotateFlagOnAJourneyThatStaysUnsharedRecordsNothing() {
        fixture()
                .given(started())
                .when(revision().rotate().command())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(0, null));
    }

    @Test
    void unsharingWinsOverTheRotateFlag() {
        fixture()
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(revision().shared(false).rotate().command())
                .expectEvents(new JourneyUnsharedEvent(JOURNEY_ID))
                .expectResultMessagePayloadMatching(result(2, null));
    }
}
