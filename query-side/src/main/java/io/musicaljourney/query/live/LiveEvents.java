package io.musicaljourney.query.live;

import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import io.musicaljourney.common.UserId;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.Set;

/** What the live streams make of a journey's events: their names, what the public may see, who may read. */
final class LiveEvents {

    /** The only events a shared link's stream shows: the journey's content, nothing about the owner or the link. */
    private static final Set<Class<?>> PUBLIC = Set.of(NodeVisitedEvent.class, NodeVisitRemovedEvent.class,
            TrackAddedEvent.class, TrackRemovedEvent.class, NarrativeRecordedEvent.class);

    private LiveEvents() {
    }

    /** The SSE event name: the payload's class without the {@code Event} suffix, such as {@code NodeVisited}. */
    static String name(DomainEventMessage<?> event) {
        String simple = event.getPayloadType().getSimpleName();
        return simple.endsWith("Event") ? simple.substring(0, simple.length() - "Event".length()) : simple;
    }

    static boolean isPublic(Object payload) {
        return payload != null && PUBLIC.contains(payload.getClass());
    }

    /** Who owns the journey, whether it is gone and its current share token, folded from its events. */
    static final class Access {

        private UserId owner;
        private boolean deleted;
        private ShareToken shareToken;
        private long lastSequence = -1;

        void apply(DomainEventMessage<?> event) {
            lastSequence = Math.max(lastSequence, event.getSequenceNumber());
            Object payload = event.getPayload();
            if (payload instanceof JourneyStartedEvent started) {
                owner = started.ownerId();
            } else if (payload instanceof JourneyDeletedEvent) {
                deleted = true;
            } else if (payload instanceof JourneySharedEvent shared) {
                shareToken = shared.shareToken();
            } else if (payload instanceof ShareTokenRotatedEvent rotated) {
                shareToken = rotated.shareToken();
            } else if (payload instanceof JourneyUnsharedEvent) {
                shareToken = null;
            }
        }

        boolean readableBy(UserId user) {
            return owner != null && !deleted && owner.equals(user);
        }

        boolean readableWith(ShareToken token) {
            return owner != null && !deleted && shareToken != null && java.security.MessageDigest.isEqual(
                    shareToken.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    token.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        long lastSequence() {
            return lastSequence;
        }
    }
}
