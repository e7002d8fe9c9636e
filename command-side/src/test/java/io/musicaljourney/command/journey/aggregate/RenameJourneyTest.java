package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.event.JourneyRenamedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.musicaljourney.journey.JourneyLimits.MAX_TITLE_LENGTH;
import static io.musicaljourney.journey.JourneyRejection.INVALID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TITLE;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.renameCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.text;

class RenameJourneyTest {

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void renamingRecordsTheNewTitle() {
        fixture.given(started())
                .when(renameCommand("Blue in green"))
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, "Blue in green"))
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void theNewTitleIsStoredWithoutSurroundingWhitespace() {
        fixture.given(started())
                .when(renameCommand("  Blue in green  "))
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, "Blue in green"));
    }

    @Test
    void aBlankTitleClearsTheTitle() {
        fixture.given(started())
                .when(renameCommand("   "))
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, null));
    }

    @Test
    void aMissingTitleClearsTheTitle() {
        fixture.given(started())
                .when(renameCommand(null))
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, null));
    }

    @Test
    void clearingTheTitleOfAnUntitledJourneyChangesNothing() {
        fixture.given(started(), new JourneyRenamedEvent(JOURNEY_ID, null))
                .when(renameCommand(""))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void renamingToTheSameTitleChangesNothing() {
        fixture.given(started())
                .when(renameCommand(TITLE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(0, null));
    }

    @Test
    void renamingToTheSameTitleWithExtraWhitespaceChangesNothing() {
        fixture.given(started())
                .when(renameCommand(" " + TITLE + "\t"))
                .expectNoEvents();
    }

    @Test
    void aTitleOfTheMaximumLengthIsAccepted() {
        fixture.given(started())
                .when(renameCommand(text(MAX_TITLE_LENGTH)))
                .expectEvents(new JourneyRenamedEvent(JOURNEY_ID, text(MAX_TITLE_LENGTH)));
    }

    @Test
    void aTitleLongerThanTheLimitIsRejected() {
        fixture.given(started())
                .when(renameCommand(text(MAX_TITLE_LENGTH + 1)))
                .expectException(rejectedAs(INVALID, "title is longer than " + MAX_TITLE_LENGTH))
                .expectNoEvents();
    }
}
