package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.command.JourneyCommandResult;
import io.musicaljourney.journey.command.VisitNodeCommand;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.ANOTHER_USER;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.OWNER;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TITLE;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.renameCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.revision;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.sequenceNumbers;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.start;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visitFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visited;
import static org.axonframework.test.matchers.Matchers.predicate;

/**
 * What a command answers: the journey's version is the sequence number of its last event (numbered from 0, the
 * start being 0), which clients send back as {@code If-Match}; the share token; the time of the last event.
 */
class JourneyCommandResultTest {

    private static final Instant YESTERDAY = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant TODAY = Instant.parse("2025-01-02T10:00:00Z");

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void startingAJourneyAnswersItsId() {
        fixture.givenNoPriorActivity()
                .when(start(List.of(visitFromStart("a")), null, null, TOKEN))
                .expectResultMessagePayload(JOURNEY_ID);
    }

    @Test
    void theVersionOfAJourneyThatWasJustStartedIsZero() {
        fixture.given(started())
                .when(renameCommand(TITLE))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(0, null));
    }

    @Test
    void theVersionIsTheSequenceNumberOfTheEventTheCommandApplied() {
        fixture.given(started())
                .when(visitCommand(visitFromStart("a")))
                .expectEventsMatching(predicate(events -> sequenceNumbers(events).equals(List.of(1L))))
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void aCommandApplyingSeveralEventsAnswersTheSequenceNumberOfTheLastOfThem() {
        fixture.given(started(), visited("a", START_ID.value()))
                .when(revision().title("New").visits(visitFromStart("a"), visitFromStart("b"))
                        .tracks(trackFromStart("t")).shared(true).command())
                .expectEventsMatching(predicate(events -> sequenceNumbers(events).equals(List.of(2L, 3L, 4L, 5L))))
                .expectResultMessagePayloadMatching(result(5, TOKEN));
    }

    @Test
    void aCommandThatChangesNothingAnswersTheCurrentVersion() {
        fixture.given(started(), visited("a", START_ID.value()), visited("b", START_ID.value()))
                .when(visitCommand(visitFromStart("b")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void theVersionCountsTheEventsOfAJourneyStartedWithContent() {
        fixture.givenCommands(start(List.of(visitFromStart("a"), visitFromStart("b")), List.of(trackFromStart("t")),
                        null, TOKEN))
                .when(visitCommand(visitFromStart("c")))
                .expectEventsMatching(predicate(events -> sequenceNumbers(events).equals(List.of(5L))))
                .expectResultMessagePayloadMatching(result(5, TOKEN));
    }

    @Test
    void theResultCarriesTheTimeOfTheEventTheCommandApplied() {
        fixture.givenCurrentTime(YESTERDAY)
                .andGiven(started())
                .andGivenCurrentTime(TODAY)
                .when(renameCommand("Changed"))
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, "Changed"))
                .expectResultMessagePayloadMatching(predicate(
                        payload -> ((JourneyCommandResult) payload).changedAt().equals(TODAY)));
    }

    @Test
    void aCommandThatChangesNothingCarriesTheTimeOfTheLastEvent() {
        fixture.givenCurrentTime(YESTERDAY)
                .andGiven(started())
                .andGivenCurrentTime(TODAY)
                .when(renameCommand(TITLE))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(
                        payload -> ((JourneyCommandResult) payload).changedAt().equals(YESTERDAY)));
    }

    @Test
    void aCommandSentWithTheCurrentVersionIsAccepted() {
        fixture.given(started(), visited("a", START_ID.value()))
                .when(new VisitNodeCommand(JOURNEY_ID, OWNER, visitFromStart("b"), 1L))
                .expectEvents(visited("b", START_ID.value()))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void aCommandSentWithAStaleVersionIsAConflict() {
        fixture.given(started(), visited("a", START_ID.value()))
                .when(new VisitNodeCommand(JOURNEY_ID, OWNER, visitFromStart("b"), 0L))
                .expectException(JourneyRejectedException.class)
                .expectExceptionMessage("The journey changed since version 0; it is now at version 1")
                .expectNoEvents();
    }

    @Test
    void aStrangersExpectedVersionRevealsNothing() {
        fixture.given(started(), visited("a", START_ID.value()))
                .when(new VisitNodeCommand(JOURNEY_ID, ANOTHER_USER, visitFromStart("b"), 99L))
                .expectException(JourneyRejectedException.class)
                .expectExceptionMessage("Not found")
                .expectNoEvents();
    }
}
