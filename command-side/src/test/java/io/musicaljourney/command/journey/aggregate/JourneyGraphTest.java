package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.event.JourneyGraphSavedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.musicaljourney.journey.JourneyLimits.MAX_GRAPH_CHARS;
import static io.musicaljourney.journey.JourneyRejection.INVALID;
import static io.musicaljourney.journey.JourneyRejection.LIMIT_REACHED;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.graph;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.graphCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nestedMaps;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.text;

class JourneyGraphTest {

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void savingADrawingRecordsIt() {
        fixture.given(started())
                .when(graphCommand(graph("a", "b")))
                .expectEvents(new JourneyGraphSavedEvent(JOURNEY_ID, graph("a", "b")))
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void savingAChangedDrawingRecordsIt() {
        fixture.given(started(), new JourneyGraphSavedEvent(JOURNEY_ID, graph("a")))
                .when(graphCommand(graph("a", "b")))
                .expectEvents(new JourneyGraphSavedEvent(JOURNEY_ID, graph("a", "b")))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void savingTheSameDrawingAgainChangesNothing() {
        fixture.given(started(), new JourneyGraphSavedEvent(JOURNEY_ID, graph("a", "b")))
                .when(graphCommand(graph("a", "b")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void savingAnEmptyDrawingOnAJourneyWithoutOneChangesNothing() {
        fixture.given(started())
                .when(graphCommand(Map.of()))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(0, null));
    }

    @Test
    void savingNoDrawingClearsTheSavedOne() {
        fixture.given(started(), new JourneyGraphSavedEvent(JOURNEY_ID, graph("a")))
                .when(graphCommand(null))
                .expectEvents(new JourneyGraphSavedEvent(JOURNEY_ID, Map.of()));
    }

    @Test
    void aDrawingLargerThanTheLimitIsRejected() {
        fixture.given(started())
                .when(graphCommand(Map.of("nodes", text(MAX_GRAPH_CHARS))))
                .expectException(rejectedAs(LIMIT_REACHED, "graph is larger than " + MAX_GRAPH_CHARS))
                .expectNoEvents();
    }

    @Test
    void aDrawingNestedAsDeepAsAllowedIsAccepted() {
        fixture.given(started())
                .when(graphCommand(nestedMaps(JsonShape.MAX_DEPTH)))
                .expectEvents(new JourneyGraphSavedEvent(JOURNEY_ID, nestedMaps(JsonShape.MAX_DEPTH)));
    }

    @Test
    void aDrawingNestedTooDeeplyIsRejected() {
        fixture.given(started())
                .when(graphCommand(nestedMaps(JsonShape.MAX_DEPTH + 1)))
                .expectException(rejectedAs(INVALID, "graph is nested too deeply"))
                .expectNoEvents();
    }
}
