package io.musicaljourney.query.history.fold;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.journey.event.JourneyGraphSavedEvent;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.query.journey.projection.JourneyEntries;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A journey folded in memory from its events, the way {@code JourneyProjector} folds them into its {@code journeys}
 * row: the entries are built by the same {@link JourneyEntries}, removals drop every entry with the id, and each
 * event the projector handles sets {@code version} to its sequence number and {@code updated_at} to its time (at
 * the row's microsecond precision). An event the projector does not handle changes nothing, as in the row.
 *
 * <p>The JSON arrays are the projector's entries joined in order, so they hold the same values as the row's JSONB
 * columns; only PostgreSQL's key order and spacing differ (the handler has PostgreSQL render them, which makes
 * them byte-identical).
 *
 * <p>One fold per read; not thread-safe. Events must be applied in sequence order.
 */
public final class JourneyFold {

    private final JourneyEntries entries;

    private String id;
    private UserId owner;
    private String title;
    private NodeRef startingNode;
    private final List<Entry> nodesVisited = new ArrayList<>();
    private final List<Entry> tracks = new ArrayList<>();
    private final List<String> narratives = new ArrayList<>();
    private String graph = "{}";
    private Instant createdAt;
    private Instant updatedAt;
    private boolean isPublic;
    private String shareToken;
    private long version = -1;
    private boolean deleted;

    public JourneyFold(JourneyEntries entries) {
        this.entries = entries;
    }

    public JourneyFold apply(DomainEventMessage<?> event) {
        return apply(event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
    }

    /** Applies one event; events before the start or after the deletion change nothing, as in the table. */
    public JourneyFold apply(Object payload, long sequence, Instant timestamp) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MICROS);
        if (payload instanceof JourneyStartedEvent started) {
            if (id == null && !deleted) {
                id = started.journeyId().asString();
                owner = started.ownerId();
                title = started.title();
                startingNode = started.startingNode();
                createdAt = at;
                changed(sequence, at);
            }
            return this;
        }
        if (!exists()) {
            return this;
        }
        if (payload instanceof JourneyDeletedEvent) {
            deleted = true;
        } else if (payload instanceof NodeVisitedEvent visited) {
            nodesVisited.add(new Entry(visited.node().id().value(), inner(entries.visitedNode(visited, at))));
            changed(sequence, at);
        } else if (payload instanceof NodeVisitRemovedEvent removed) {
            nodesVisited.removeIf(entry -> entry.key().equals(removed.nodeId().value()));
            changed(sequence, at);
        } else if (payload instanceof TrackAddedEvent added) {
            tracks.add(new Entry(added.track().id().value(), inner(entries.collectedTrack(added, at))));
            changed(sequence, at);
        } else if (payload instanceof TrackRemovedEvent removed) {
            tracks.removeIf(entry -> entry.key().equals(removed.trackId().value()));
            changed(sequence, at);
        } else if (payload instanceof NarrativeRecordedEvent recorded) {
            narratives.add(inner(entries.recordedNarrative(recorded, at)));
            changed(sequence, at);
        } else if (payload instanceof JourneyRenamedEvent renamed) {
            title = renamed.title();
            changed(sequence, at);
        } else if (payload instanceof JourneyGraphSavedEvent saved) {
            graph = entries.graph(saved.graph());
            changed(sequence, at);
        } else if (payload instanceof JourneySharedEvent shared) {
            isPublic = true;
            shareToken = shared.shareToken().value();
            changed(sequence, at);
        } else if (payload instanceof ShareTokenRotatedEvent rotated) {
            isPublic = true;
            shareToken = rotated.shareToken().value();
            changed(sequence, at);
        } else if (payload instanceof JourneyUnsharedEvent) {
            isPublic = false;
            shareToken = null;
            changed(sequence, at);
        }
        return this;
    }

    /** Started and not deleted: the projection has a row. */
    public boolean exists() {
        return id != null && !deleted;
    }

    public boolean deleted() {
        return deleted;
    }

    public Optional<UserId> owner() {
        return Optional.ofNullable(owner);
    }

    /** The sequence number of the last event that changed the journey; -1 before it began. */
    public long version() {
        return version;
    }

    /**
     * The journey in the detail route's shape, its JSON columns as compact JSON.
     *
     * @throws IllegalStateException when the journey does not exist at this point of its history
     */
    public JourneyDetail detail() {
        if (!exists()) {
            throw new IllegalStateException("The journey does not exist at this point of its history");
        }
        return new JourneyDetail(id, owner.value(), title, startingNode.type().wireName(),
                startingNode.id().value(), startingNode.name(), array(nodesVisited.stream().map(Entry::json).toList()),
                array(tracks.stream().map(Entry::json).toList()), array(narratives), graph, createdAt, updatedAt,
                isPublic, shareToken, version);
    }

    private void changed(long sequence, Instant at) {
        version = sequence;
        updatedAt = at;
    }

    /** {@link JourneyEntries} renders each entry as an array of one, ready to append; this is the element. */
    private static String inner(String arrayOfOne) {
        return arrayOfOne.substring(1, arrayOfOne.length() - 1);
    }

    private static String array(List<String> elements) {
        return "[" + String.join(",", elements) + "]";
    }

    /** An entry's JSON with the id removals match on ({@code nodeId} or {@code trackId}). */
    private record Entry(String key, String json) {
    }
}
