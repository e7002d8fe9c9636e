package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.TrackRef;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.musicaljourney.journey.JourneyLimits.MAX_ATTRIBUTES_CHARS;
import static io.musicaljourney.journey.JourneyLimits.MAX_ID_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_NAME_LENGTH;
import static io.musicaljourney.journey.JourneyLimits.MAX_TRACKS;
import static io.musicaljourney.journey.JourneyLimits.MAX_URL_LENGTH;
import static io.musicaljourney.journey.JourneyRejection.INVALID;
import static io.musicaljourney.journey.JourneyRejection.LIMIT_REACHED;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.JOURNEY_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.START_ID;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.addTrackCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.fixture;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nodeId;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.rejectedAs;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.removeTrackCommand;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.result;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.started;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.startedAnd;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.text;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.track;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackAdded;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackAddedEvents;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackFromStart;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.trackId;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.visited;

class TracksTest {

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    // ---- adding ---------------------------------------------------------------------------------------------

    @Test
    void addingATrackCollectedAtTheStartingNodeRecordsIt() {
        fixture.given(started())
                .when(addTrackCommand(trackFromStart("so-what")))
                .expectEvents(trackAdded("so-what", START_ID.value()))
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void addingATrackCollectedAtAVisitedNodeRecordsIt() {
        fixture.given(started(), visited("coltrane", START_ID.value()))
                .when(addTrackCommand(track("naima", "coltrane")))
                .expectEvents(trackAdded("naima", "coltrane"))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void theExtraFieldsOfATrackAreKeptVerbatim() {
        CollectedTrack withExtras = new CollectedTrack(JourneyFixtures.trackRef("naima"), START_ID,
                Map.of("uri", "spotify:track:naima", "nodeType", "track"));
        fixture.given(started())
                .when(addTrackCommand(withExtras))
                .expectEvents(trackAdded(withExtras));
    }

    @Test
    void aTrackNeedsNoAlbumNorPreview() {
        CollectedTrack bare = new CollectedTrack(new TrackRef(TrackId.of("naima"), "Naima", null, null, null),
                START_ID, Map.of());
        fixture.given(started())
                .when(addTrackCommand(bare))
                .expectEvents(trackAdded(bare));
    }

    @Test
    void cannotAddATrackFromANodeNotOnTheJourney() {
        fixture.given(started())
                .when(addTrackCommand(track("naima", "coltrane")))
                .expectException(rejectedAs(INVALID, "fromNodeId must be a node visited on this journey"))
                .expectNoEvents();
    }

    @Test
    void cannotAddATrackWithoutTheNodeItWasCollectedAt() {
        fixture.given(started())
                .when(addTrackCommand(track("naima", null)))
                .expectException(rejectedAs(INVALID, "fromNodeId"))
                .expectNoEvents();
    }

    @Test
    void cannotAddATrackFromANodeTakenOffTheJourney() {
        fixture.given(started(), visited("coltrane", START_ID.value()),
                        new NodeVisitRemovedEvent(JOURNEY_ID, nodeId("coltrane")))
                .when(addTrackCommand(track("naima", "coltrane")))
                .expectException(rejectedAs(INVALID, "fromNodeId"));
    }

    @Test
    void addingATrackAlreadyInTheJourneyChangesNothing() {
        fixture.given(started(), trackAdded("so-what", START_ID.value()))
                .when(addTrackCommand(trackFromStart("so-what")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void addingATrackAlreadyInTheJourneyFromAnotherNodeChangesNothingEither() {
        fixture.given(started(), visited("coltrane", START_ID.value()), trackAdded("so-what", START_ID.value()))
                .when(addTrackCommand(track("so-what", "coltrane")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void aRemovedTrackCanBeAddedAgain() {
        fixture.given(started(), trackAdded("so-what", START_ID.value()),
                        new TrackRemovedEvent(JOURNEY_ID, trackId("so-what")))
                .when(addTrackCommand(trackFromStart("so-what")))
                .expectEvents(trackAdded("so-what", START_ID.value()))
                .expectResultMessagePayloadMatching(result(3, null));
    }

    @Test
    void aTrackWithoutANameIsRejected() {
        CollectedTrack nameless = new CollectedTrack(new TrackRef(TrackId.of("naima"), "", "John Coltrane", null,
                null), START_ID, Map.of());
        fixture.given(started())
                .when(addTrackCommand(nameless))
                .expectException(rejectedAs(INVALID, "trackName is required"));
    }

    @Test
    void aTrackWithANameLongerThanTheLimitIsRejected() {
        CollectedTrack wordy = new CollectedTrack(new TrackRef(TrackId.of("naima"), text(MAX_NAME_LENGTH + 1),
                "John Coltrane", null, null), START_ID, Map.of());
        fixture.given(started())
                .when(addTrackCommand(wordy))
                .expectException(rejectedAs(INVALID, "trackName is longer than " + MAX_NAME_LENGTH));
    }

    @Test
    void aTrackWithAnArtistNameLongerThanTheLimitIsRejected() {
        CollectedTrack wordy = new CollectedTrack(new TrackRef(TrackId.of("naima"), "Naima",
                text(MAX_NAME_LENGTH + 1), null, null), START_ID, Map.of());
        fixture.given(started())
                .when(addTrackCommand(wordy))
                .expectException(rejectedAs(INVALID, "artistName is longer than " + MAX_NAME_LENGTH));
    }

    @Test
    void aTrackWithAnAlbumNameLongerThanTheLimitIsRejected() {
        CollectedTrack wordy = new CollectedTrack(new TrackRef(TrackId.of("naima"), "Naima", "John Coltrane",
                text(MAX_NAME_LENGTH + 1), null), START_ID, Map.of());
        fixture.given(started())
                .when(addTrackCommand(wordy))
                .expectException(rejectedAs(INVALID, "albumName is longer than " + MAX_NAME_LENGTH));
    }

    @Test
    void aTrackWithAnIdLongerThanTheLimitIsRejected() {
        CollectedTrack longId = new CollectedTrack(new TrackRef(TrackId.of(text(MAX_ID_LENGTH + 1)), "Naima",
                null, null, null), START_ID, Map.of());
        fixture.given(started())
                .when(addTrackCommand(longId))
                .expectException(rejectedAs(INVALID, "trackId is longer than " + MAX_ID_LENGTH));
    }

    @Test
    void aTrackWithAPreviewUrlLongerThanTheLimitIsRejected() {
        CollectedTrack longUrl = new CollectedTrack(new TrackRef(TrackId.of("naima"), "Naima", null, null,
                text(MAX_URL_LENGTH + 1)), START_ID, Map.of());
        fixture.given(started())
                .when(addTrackCommand(longUrl))
                .expectException(rejectedAs(INVALID, "previewUrl is longer than " + MAX_URL_LENGTH));
    }

    @Test
    void aTrackWithTooLargeExtraFieldsIsRejected() {
        CollectedTrack bloated = new CollectedTrack(JourneyFixtures.trackRef("naima"), START_ID,
                Map.of("blob", text(MAX_ATTRIBUTES_CHARS)));
        fixture.given(started())
                .when(addTrackCommand(bloated))
                .expectException(rejectedAs(LIMIT_REACHED, "extra fields"))
                .expectNoEvents();
    }

    @Test
    void theLastTrackBelowTheLimitCanBeAdded() {
        fixture.given(startedAnd(trackAddedEvents(MAX_TRACKS - 1)))
                .when(addTrackCommand(trackFromStart("one-more")))
                .expectEvents(trackAdded("one-more", START_ID.value()))
                .expectResultMessagePayloadMatching(result(MAX_TRACKS, null));
    }

    @Test
    void cannotAddMoreTracksThanTheLimit() {
        fixture.given(startedAnd(trackAddedEvents(MAX_TRACKS)))
                .when(addTrackCommand(trackFromStart("one-too-many")))
                .expectException(rejectedAs(LIMIT_REACHED, "A journey holds at most " + MAX_TRACKS + " tracks"))
                .expectNoEvents();
    }

    @Test
    void aFullJourneyStillAnswersARepeatedTrackAsDone() {
        fixture.given(startedAnd(trackAddedEvents(MAX_TRACKS)))
                .when(addTrackCommand(trackFromStart("track-7")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(MAX_TRACKS, null));
    }

    @Test
    void aTrackRemovedFromAFullJourneyMakesRoomForAnother() {
        fixture.given(startedAnd(trackAddedEvents(MAX_TRACKS)))
                .andGiven(new TrackRemovedEvent(JOURNEY_ID, trackId("track-0")))
                .when(addTrackCommand(trackFromStart("replacement")))
                .expectEvents(trackAdded("replacement", START_ID.value()));
    }

    // ---- removing -------------------------------------------------------------------------------------------

    @Test
    void removingACollectedTrackRecordsTheRemoval() {
        fixture.given(started(), trackAdded("so-what", START_ID.value()))
                .when(removeTrackCommand("so-what"))
                .expectEvents(new TrackRemovedEvent(JOURNEY_ID, trackId("so-what")))
                .expectResultMessagePayloadMatching(result(2, null));
    }

    @Test
    void removingATrackNotInTheJourneyChangesNothing() {
        fixture.given(started(), trackAdded("so-what", START_ID.value()))
                .when(removeTrackCommand("never-collected"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(1, null));
    }

    @Test
    void removingATrackTwiceRecordsOneRemoval() {
        fixture.given(started(), trackAdded("so-what", START_ID.value()),
                        new TrackRemovedEvent(JOURNEY_ID, trackId("so-what")))
                .when(removeTrackCommand("so-what"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(2, null));
    }
}
