package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.musicaljourney.journey.JourneyRejection.NOT_FOUND;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.ANOTHER_USER;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.OWNER;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.deleteCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.everyCommandOnAJourneyBy;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackAdded;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visited;

/** Only the owner commands a journey, and only until it is deleted; everyone else is told it does not exist. */
class OwnershipAndDeletionTest {

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    static Stream<Arguments> commandsOfAnotherUser() {
        return everyCommandOnAJourneyBy(ANOTHER_USER).stream()
                .map(command -> Arguments.of(command.getClass().getSimpleName(), command));
    }

    static Stream<Arguments> commandsOfTheOwner() {
        return everyCommandOnAJourneyBy(OWNER).stream()
                .map(command -> Arguments.of(command.getClass().getSimpleName(), command));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOfAnotherUser")
    void anotherUsersCommandIsAnsweredAsNotFound(String kind, Object command) {
        fixture.given(started(), visited("coltrane", START_ID.value()), trackAdded("track-a", START_ID.value()),
                        new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(command)
                .expectException(rejectedAs(NOT_FOUND, "Not found"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOfTheOwner")
    void theOwnersCommandOfEveryKindIsAccepted(String kind, Object command) {
        fixture.given(started(), visited("coltrane", START_ID.value()), trackAdded("track-a", START_ID.value()),
                        new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(command)
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOfTheOwner")
    void aDeletedJourneyAcceptsNoCommand(String kind, Object command) {
        fixture.given(started(), visited("coltrane", START_ID.value()), trackAdded("track-a", START_ID.value()),
                        new JourneySharedEvent(JOURNEY_ID, TOKEN), new JourneyDeletedEvent(JOURNEY_ID))
                .when(command)
                .expectException(rejectedAs(NOT_FOUND, "Not found"))
                .expectNoEvents();
    }

    @Test
    void deletingAJourneyRecordsItsDeletion() {
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .when(deleteCommand())
                .expectEvents(new JourneyDeletedEvent(JOURNEY_ID))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void deletingASharedJourneyAnswersItsLastToken() {
        fixture.given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(deleteCommand())
                .expectEvents(new JourneyDeletedEvent(JOURNEY_ID))
                .expectResultMessagePayloadMatching(result(2, TOKEN));
    }

    @Test
    void deletingADeletedJourneyAgainIsAnsweredAsNotFound() {
        fixture.given(started(), new JourneyDeletedEvent(JOURNEY_ID))
                .when(deleteCommand())
                .expectException(rejectedAs(NOT_FOUND))
                .expectNoEvents();
    }
}
