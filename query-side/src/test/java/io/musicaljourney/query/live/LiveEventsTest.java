package io.musicaljourney.query.live;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveEventsTest {

    private final JourneyId journey = JourneyId.random();
    private long sequence;

    @Test
    void eventNamesAreThePayloadTypesWithoutTheSuffix() {
        assertThat(LiveEvents.name(event(new JourneyRenamedEvent(journey, "x")))).isEqualTo("JourneyRenamed");
    }

    @Test
    void onlyTheJourneysContentIsPublic() {
        assertThat(LiveEvents.isPublic(new NodeVisitRemovedEvent(journey, NodeId.of("n")))).isTrue();
        assertThat(LiveEvents.isPublic(new JourneyRenamedEvent(journey, "x"))).isFalse();
        assertThat(LiveEvents.isPublic(new JourneySharedEvent(journey, ShareToken.of("t")))).isFalse();
        assertThat(LiveEvents.isPublic(new JourneyStartedEvent(journey, UserId.of("alice"), null, null))).isFalse();
    }

    @Test
    void accessFollowsTheOwnerTheLinkAndDeletion() {
        LiveEvents.Access access = new LiveEvents.Access();
        access.apply(event(new JourneyStartedEvent(journey, UserId.of("alice"), null, null)));
        assertThat(access.readableBy(UserId.of("alice"))).isTrue();
        assertThat(access.readableBy(UserId.of("bob"))).isFalse();
        assertThat(access.readableWith(ShareToken.of("t1"))).isFalse();

        access.apply(event(new JourneySharedEvent(journey, ShareToken.of("t1"))));
        assertThat(access.readableWith(ShareToken.of("t1"))).isTrue();
        access.apply(event(new ShareTokenRotatedEvent(journey, ShareToken.of("t2"))));
        assertThat(access.readableWith(ShareToken.of("t1"))).isFalse();
        assertThat(access.readableWith(ShareToken.of("t2"))).isTrue();
        access.apply(event(new JourneyUnsharedEvent(journey)));
        assertThat(access.readableWith(ShareToken.of("t2"))).isFalse();

        access.apply(event(new JourneyDeletedEvent(journey)));
        assertThat(access.readableBy(UserId.of("alice"))).isFalse();
        assertThat(access.lastSequence()).isEqualTo(4);
    }

    @Test
    void aStreamResumesAfterTheClientsLastEventButNeverBeyondTheHead() {
        assertThat(JourneyStreams.startAfter(null, 7)).isEqualTo(7);
        assertThat(JourneyStreams.startAfter(3L, 7)).isEqualTo(3);
        assertThat(JourneyStreams.startAfter(99L, 7)).isEqualTo(7);
        assertThat(JourneyStreams.startAfter(-5L, 7)).isEqualTo(-1);
        assertThat(JourneyStreamController.sequence(" 12 ")).isEqualTo(12L);
        assertThat(JourneyStreamController.sequence("abc")).isNull();
        assertThat(JourneyStreamController.sequence(null)).isNull();
    }

    private DomainEventMessage<?> event(Object payload) {
        return new GenericDomainEventMessage<>("Journey", journey.toString(), sequence++, payload);
    }
}
