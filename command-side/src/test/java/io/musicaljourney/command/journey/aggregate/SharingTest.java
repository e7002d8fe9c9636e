package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static io.musicaljourney.journey.JourneyRejection.STATE_CONFLICT;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.SECOND_TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.THIRD_TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.TOKEN;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixtureWithTokens;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rotateCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.shareCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.unshareCommand;

/** Share, rotate and unshare. Fixtures built without tokens prove that no token was even minted. */
class SharingTest {

    @Test
    void sharingAJourneyMintsATokenAndAnswersIt() {
        fixtureWithTokens(TOKEN)
                .given(started())
                .when(shareCommand())
                .expectEvents(new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .expectResultMessagePayloadMatching(result(1, TOKEN));
    }

    @Test
    void sharingAnAlreadySharedJourneyKeepsItsTokenAndRecordsNothing() {
        fixtureWithTokens()
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(shareCommand())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, TOKEN));
    }

    @Test
    void sharingAJourneyAfterRotationKeepsTheRotatedToken() {
        fixtureWithTokens()
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN),
                        new ShareTokenRotatedEvent(JOURNEY_ID, SECOND_TOKEN))
                .when(shareCommand())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(2, SECOND_TOKEN));
    }

    @Test
    void sharingAgainAfterUnsharingMintsAFreshToken() {
        fixtureWithTokens(SECOND_TOKEN)
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN), new JourneyUnsharedEvent(JOURNEY_ID))
                .when(shareCommand())
                .expectEvents(new JourneySharedEvent(JOURNEY_ID, SECOND_TOKEN))
                .expectResultMessagePayloadMatching(result(3, SECOND_TOKEN));
    }

    @Test
    void rotatingTheTokenOfASharedJourneyReplacesIt() {
        fixtureWithTokens(SECOND_TOKEN)
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(rotateCommand())
                .expectEvents(new ShareTokenRotatedEvent(JOURNEY_ID, SECOND_TOKEN))
                .expectResultMessagePayloadMatching(result(2, SECOND_TOKEN));
    }

    @Test
    void rotatingTwiceAnswersTheLatestToken() {
        fixtureWithTokens(THIRD_TOKEN)
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN),
                        new ShareTokenRotatedEvent(JOURNEY_ID, SECOND_TOKEN))
                .when(rotateCommand())
                .expectEvents(new ShareTokenRotatedEvent(JOURNEY_ID, THIRD_TOKEN))
                .expectResultMessagePayloadMatching(result(3, THIRD_TOKEN));
    }

    @Test
    void rotatingTheTokenOfAJourneyThatIsNotSharedIsAStateConflict() {
        fixtureWithTokens()
                .given(started())
                .when(rotateCommand())
                .expectException(rejectedAs(STATE_CONFLICT, "not shared"))
                .expectNoEvents();
    }

    @Test
    void rotatingTheTokenOfAnUnsharedJourneyIsAStateConflict() {
        fixtureWithTokens()
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN), new JourneyUnsharedEvent(JOURNEY_ID))
                .when(rotateCommand())
                .expectException(rejectedAs(STATE_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void unsharingRevokesTheToken() {
        fixtureWithTokens()
                .given(started(), new JourneySharedEvent(JOURNEY_ID, TOKEN))
                .when(unshareCommand())
                .expectEvents(new JourneyUnsharedEvent(JOURNEY_ID))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void unsharingAJourneyThatIsNotSharedChangesNothing() {
        fixtureWithTokens()
                .given(started())
                .when(unshareCommand())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(0, null));
    }

    @Test
    void aJourneyStartedSharedKeepsItsTokenWhenSharedAgain() {
        AggregateTestFixture<Journey> fixture = fixtureWithTokens();
        fixture.givenCommands(JourneyFixtures.start(null, null, null, TOKEN))
                .when(shareCommand())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, TOKEN));
    }
}
