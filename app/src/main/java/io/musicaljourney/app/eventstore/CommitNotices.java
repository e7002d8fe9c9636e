package io.musicaljourney.app.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What this instance tells about the events it commits: the same {@link EventNotification} to its own readers after
 * the commit and, unless {@code journey.events.notifications.enabled} is false, to the other instances through
 * {@code NOTIFY}, which {@link CommitNoticeSender} sends after the commit.
 */
public final class CommitNotices {

    /** Tells this instance's own notifications apart from the others'. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final boolean sent;

    /** @param sent whether the append sends the notice to the other instances (and the listener listens) */
    public CommitNotices(boolean sent) {
        this.sent = sent;
    }

    public String instance() {
        return instance;
    }

    public boolean sent() {
        return sent;
    }

    /** The notice of these events: per aggregate, the last sequence number among them. */
    public EventNotification of(List<? extends EventMessage<?>> events) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                last.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber(), Math::max);
            }
        }
        return new EventNotification(instance, last);
    }
}
