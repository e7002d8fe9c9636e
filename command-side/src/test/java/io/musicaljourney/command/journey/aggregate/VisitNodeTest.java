package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.Visit;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.musicaljourney.journey.JourneyLimits.MAX_ATTRIBUTES_CHARS;
import static io.musicaljourney.journey.JourneyLimits.MAX_ID_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NAME_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NARRATIVE_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NODES;
import static io.musicaljourney.journey.JourneyRejection.INVALID;
import static io.musicaljourney.journey.JourneyRejection.LIMIT_REACHED;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.artist;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nestedMaps;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.node;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nodeId;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.startedAnd;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.text;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visit;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitOf;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visited;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitedEvents;

class VisitNodeTest {

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void visitingANodeReachedFromTheStartingNodeRecordsTheVisit() {
        Visit coltrane = visitFromStart("coltrane");
        fixture.given(started())
                .when(visitCommand(coltrane))
                .expectEvents(visited(coltrane))
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void visitingANodeReachedFromAVisitedNodeRecordsTheVisit() {
        Visit alice = visit("alice", "coltrane");
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .when(visitCommand(alice))
                .expectEvents(visited(alice))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void cannotVisitNodeWhoseParentIsNotOnTheJourney() {
        fixture.given(started())
                .when(visitCommand(visit("alice", "coltrane")))
                .expectException(rejectedAs(INVALID,
                        "parentNodeId must be the starting node or a node already visited on this journey"))
                .expectNoEvents();
    }

    @Test
    void cannotVisitNodeWhoseParentWasTakenOffTheJourney() {
        fixture.given(started(), visited("coltrane", START_ID.value()),
                        new NodeVisitRemovedEvent(JOURNEY_ID, nodeId("coltrane")))
                .when(visitCommand(visit("alice", "coltrane")))
                .expectException(rejectedAs(INVALID, "parentNodeId"))
                .expectNoEvents();
    }

    @Test
    void aNodeCannotBeReachedFromItself() {
        fixture.given(started())
                .when(visitCommand(visit("coltrane", "coltrane")))
                .expectException(rejectedAs(INVALID, "parentNodeId"));
    }

    @Test
    void aVisitWithoutParentAddsAFreeStandingNode() {
        Visit freeStanding = visit("sun-ra", null);
        fixture.given(started())
                .when(visitCommand(freeStanding))
                .expectEvents(visited(freeStanding));
    }

    @Test
    void visitingAVisitedNodeAgainChangesNothing() {
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .when(visitCommand(visitFromStart("coltrane")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void visitingAVisitedNodeAgainAlongAnotherPathChangesNothingEither() {
        fixture.given(started(), visited("coltrane", START_ID.value()), visited("alice", "coltrane"))
                .when(visitCommand(visit("coltrane", "alice")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void aNodeTakenOffTheJourneyCanBeVisitedAgain() {
        Visit coltrane = visitFromStart("coltrane");
        fixture.given(started(), visited(coltrane), new NodeVisitRemovedEvent(JOURNEY_ID, coltrane.node().id()))
                .when(visitCommand(coltrane))
                .expectEvents(visited(coltrane))
                .expectResultMessagePayloadMatching(result(3, null));
    }

    @Test
    void theExtraFieldsAndNarrativeOfAVisitAreKeptVerbatim() {
        Visit described = new Visit(node("free-jazz", NodeType.GENRE, "Free jazz"), PathwayType.GENRE, START_ID,
                "Miles opened the door; Ornette walked through.",
                Map.of("description", "Two sentences.", "representativeTrackTitles", List.of("Lonely Woman")));
        fixture.given(started())
                .when(visitCommand(described))
                .expectEvents(visited(described));
    }

    @Test
    void aVisitWithoutANodeNameIsRejected() {
        fixture.given(started())
                .when(visitCommand(visitOf(node("coltrane", NodeType.ARTIST, ""), START_ID)))
                .expectException(rejectedAs(INVALID, "nodeName is required"))
                .expectNoEvents();
    }

    @Test
    void aVisitWithANodeNameLongerThanTheLimitIsRejected() {
        fixture.given(started())
                .when(visitCommand(visitOf(node("coltrane", NodeType.ARTIST, text(MAX_NAME_LENGTH + 1)), START_ID)))
                .expectException(rejectedAs(INVALID, "nodeName is longer than " + MAX_NAME_LENGTH));
    }

    @Test
    void aVisitWithANodeIdLongerThanTheLimitIsRejected() {
        fixture.given(started())
                .when(visitCommand(visitOf(node(text(MAX_ID_LENGTH + 1), NodeType.ALBUM, "Kind of Blue"), START_ID)))
                .expectException(rejectedAs(INVALID, "nodeId is longer than " + MAX_ID_LENGTH));
    }

    @Test
    void aVisitWithANarrativeOfTheMaximumLengthIsAccepted() {
        Visit visit = new Visit(artist("coltrane"), PathwayType.INFLUENCES, START_ID, text(MAX_NARRATIVE_LENGTH),
                Map.of());
        fixture.given(started())
                .when(visitCommand(visit))
                .expectEvents(visited(visit));
    }

    @Test
    void aVisitWithANarrativeLongerThanTheLimitIsRejected() {
        Visit visit = new Visit(artist("coltrane"), PathwayType.INFLUENCES, START_ID,
                text(MAX_NARRATIVE_LENGTH + 1), Map.of());
        fixture.given(started())
                .when(visitCommand(visit))
                .expectException(rejectedAs(INVALID, "narrative is longer than " + MAX_NARRATIVE_LENGTH));
    }

    @Test
    void aVisitWithTooLargeExtraFieldsIsRejected() {
        Visit visit = new Visit(artist("coltrane"), PathwayType.INFLUENCES, START_ID, null,
                Map.of("description", text(MAX_ATTRIBUTES_CHARS)));
        fixture.given(started())
                .when(visitCommand(visit))
                .expectException(rejectedAs(LIMIT_REACHED, "extra fields"))
                .expectNoEvents();
    }

    @Test
    void aVisitWithTooDeeplyNestedExtraFieldsIsRejected() {
        Visit visit = new Visit(artist("coltrane"), PathwayType.INFLUENCES, START_ID, null,
                nestedMaps(JsonShape.MAX_DEPTH + 1));
        fixture.given(started())
                .when(visitCommand(visit))
                .expectException(rejectedAs(INVALID, "extra fields are nested too deeply"));
    }

    @Test
    void theLastNodeBelowTheLimitCanBeVisited() {
        fixture.given(startedAnd(visitedEvents(MAX_NODES - 1)))
                .when(visitCommand(visitFromStart("one-more")))
                .expectEvents(visited(visitFromStart("one-more")))
                .expectResultMessagePayloadMatching(result(MAX_NODES, null));
    }

    @Test
    void cannotVisitMoreNodesThanTheLimit() {
        fixture.given(startedAnd(visitedEvents(MAX_NODES)))
                .when(visitCommand(visitFromStart("one-too-many")))
                .expectException(rejectedAs(LIMIT_REACHED, "A journey holds at most " + MAX_NODES + " nodes"))
                .expectNoEvents();
    }

    @Test
    void aFullJourneyStillAnswersARepeatedVisitAsDone() {
        fixture.given(startedAnd(visitedEvents(MAX_NODES)))
                .when(visitCommand(visitFromStart("node-0")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(MAX_NODES, null));
    }

    @Test
    void theStartingNodeCanBeAddedToTheVisitedNodesAsTheFrontendSavesIt() {
        Visit startingNode = visitOf(START, null);
        fixture.given(started())
                .when(visitCommand(startingNode))
                .expectEvents(visited(startingNode));
    }
}
