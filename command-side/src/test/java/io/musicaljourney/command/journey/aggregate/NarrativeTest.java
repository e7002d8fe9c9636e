package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.musicaljourney.journey.JourneyLimits.MAX_NARRATIVES;
import static io.musicaljourney.journey.JourneyLimits.MAX_NARRATIVE_LENGTH;
import static io.musicaljourney.journey.JourneyRejection.INVALID;
import static io.musicaljourney.journey.JourneyRejection.LIMIT_REACHED;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.narrativeCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.narrativeEvents;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nodeId;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.startedAnd;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.text;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visited;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

class NarrativeTest {

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void aNarrativeBetweenTwoVisitedNodesIsRecorded() {
        fixture.given(started(), visited("coltrane", START_ID.value()), visited("alice", "coltrane"))
                .when(narrativeCommand("coltrane", "alice", "They married in 1965."))
                .expectEventsMatching(onlyANarrative("coltrane", "alice", "They married in 1965."))
                .expectResultMessagePayloadMatching(result(3, null));
    }

    @Test
    void aNarrativeMayStartAtTheStartingNode() {
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .when(narrativeCommand(START_ID.value(), "coltrane", "Kind of Blue, 1959."))
                .expectEventsMatching(onlyANarrative(START_ID.value(), "coltrane", "Kind of Blue, 1959."));
    }

    @Test
    void everyNarrativeIsRecordedUnderItsOwnId() {
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .andGivenCommands(narrativeCommand(START_ID.value(), "coltrane", "First telling."))
                .when(narrativeCommand(START_ID.value(), "coltrane", "Second telling."))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        predicate(payload -> payload instanceof NarrativeRecordedEvent recorded
                                && recorded.narrativeId() != null
                                && recorded.narrative().equals("Second telling.")),
                        andNoMore())));
    }

    @Test
    void cannotTellANarrativeFromANodeNotOnTheJourney() {
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .when(narrativeCommand("nowhere", "coltrane", "A story."))
                .expectException(rejectedAs(INVALID, "fromNodeId and toNodeId must be nodes of this journey"))
                .expectNoEvents();
    }

    @Test
    void cannotTellANarrativeToANodeNotOnTheJourney() {
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .when(narrativeCommand("coltrane", "nowhere", "A story."))
                .expectException(rejectedAs(INVALID, "fromNodeId and toNodeId"))
                .expectNoEvents();
    }

    @Test
    void cannotTellANarrativeWithoutBothNodes() {
        fixture.given(started())
                .when(narrativeCommand(START_ID.value(), null, "A story."))
                .expectException(rejectedAs(INVALID, "fromNodeId and toNodeId"));
    }

    @Test
    void cannotTellANarrativeAboutANodeTakenOffTheJourney() {
        fixture.given(started(), visited("coltrane", START_ID.value()),
                        new NodeVisitRemovedEvent(JOURNEY_ID, nodeId("coltrane")))
                .when(narrativeCommand(START_ID.value(), "coltrane", "A story."))
                .expectException(rejectedAs(INVALID, "fromNodeId and toNodeId"));
    }

    @Test
    void aNarrativeNeedsText() {
        fixture.given(started())
                .when(narrativeCommand(START_ID.value(), START_ID.value(), "  "))
                .expectException(rejectedAs(INVALID, "narrative is required"))
                .expectNoEvents();
    }

    @Test
    void aMissingNarrativeIsRejected() {
        fixture.given(started())
                .when(narrativeCommand(START_ID.value(), START_ID.value(), null))
                .expectException(rejectedAs(INVALID, "narrative is required"));
    }

    @Test
    void aNarrativeOfTheMaximumLengthIsAccepted() {
        String longest = text(MAX_NARRATIVE_LENGTH);
        fixture.given(started())
                .when(narrativeCommand(START_ID.value(), START_ID.value(), longest))
                .expectEventsMatching(onlyANarrative(START_ID.value(), START_ID.value(), longest));
    }

    @Test
    void aNarrativeLongerThanTheLimitIsRejected() {
        fixture.given(started())
                .when(narrativeCommand(START_ID.value(), START_ID.value(), text(MAX_NARRATIVE_LENGTH + 1)))
                .expectException(rejectedAs(INVALID, "narrative is longer than " + MAX_NARRATIVE_LENGTH));
    }

    @Test
    void cannotRecordMoreNarrativesThanTheLimit() {
        fixture.given(startedAnd(narrativeEvents(MAX_NARRATIVES)))
                .when(narrativeCommand(START_ID.value(), START_ID.value(), "One too many."))
                .expectException(rejectedAs(LIMIT_REACHED,
                        "A journey holds at most " + MAX_NARRATIVES + " narratives"))
                .expectNoEvents();
    }

    @Test
    void theLastNarrativeBelowTheLimitIsRecorded() {
        fixture.given(startedAnd(narrativeEvents(MAX_NARRATIVES - 1)))
                .when(narrativeCommand(START_ID.value(), START_ID.value(), "The last one."))
                .expectEventsMatching(onlyANarrative(START_ID.value(), START_ID.value(), "The last one."))
                .expectResultMessagePayloadMatching(result(MAX_NARRATIVES, null));
    }

    private static Matcher<List<Message<?>>> onlyANarrative(String from, String to, String narrative) {
        return payloadsMatching(exactSequenceOf(
                predicate(payload -> payload instanceof NarrativeRecordedEvent recorded
                        && recorded.journeyId().equals(JOURNEY_ID)
                        && recorded.narrativeId() != null
                        && recorded.fromNodeId().equals(nodeId(from))
                        && recorded.toNodeId().equals(nodeId(to))
                        && recorded.pathwayType() == PathwayType.INFLUENCES
                        && recorded.narrative().equals(narrative)),
                andNoMore()));
    }
}
