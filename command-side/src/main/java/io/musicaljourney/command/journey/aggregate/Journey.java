package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.Visit;
import io.musicaljourney.journey.command.AddTrackCommand;
import io.musicaljourney.journey.command.DeleteJourneyCommand;
import io.musicaljourney.journey.command.JourneyCommandResult;
import io.musicaljourney.journey.command.RecordNarrativeCommand;
import io.musicaljourney.journey.command.RemoveTrackCommand;
import io.musicaljourney.journey.command.RenameJourneyCommand;
import io.musicaljourney.journey.command.ReviseJourneyCommand;
import io.musicaljourney.journey.command.SaveJourneyGraphCommand;
import io.musicaljourney.journey.command.StartJourneyCommand;
import io.musicaljourney.journey.command.VisitNodeCommand;
import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.journey.event.JourneyGraphSavedEvent;
import io.musicaljourney.journey.event.JourneyRenamedEvent;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.command.RotateShareTokenCommand;
import io.musicaljourney.sharing.command.ShareJourneyCommand;
import io.musicaljourney.sharing.command.UnshareJourneyCommand;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import io.musicaljourney.command.sharing.token.ShareTokenGenerator;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static io.musicaljourney.journey.JourneyLimits.MAX_NARRATIVES;
import static io.musicaljourney.journey.JourneyLimits.MAX_NODES;
import static io.musicaljourney.journey.JourneyLimits.MAX_TRACKS;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireGraphWithinLimits;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireRoomFor;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireValidNarrative;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireValidNode;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireValidTitle;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireWellFormedTrack;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireWellFormedVisit;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireValidTrack;
import static io.musicaljourney.command.journey.aggregate.JourneyInvariants.requireValidVisit;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person's journey through the music map. Decides every change and records it as events; only the
 * {@code @EventSourcingHandler}s change its state.
 *
 * <p>Which "no" is which: a command that breaks a rule is refused with a {@link JourneyRejectedException} and
 * appends nothing (a bad request). Asking for what is already true (a track already collected, a node already
 * visited, sharing a shared journey) is answered with the current version and appends nothing either, so that
 * clients may retry safely. The starting node counts as the journey's first visited node.
 */
@Aggregate
public class Journey {

    @AggregateIdentifier
    private JourneyId journeyId;
    private UserId owner;
    private NodeId startingNodeId;
    private String title;
    private final Map<NodeId, Visit> visits = new LinkedHashMap<>();
    private final Map<TrackId, CollectedTrack> tracks = new LinkedHashMap<>();
    private int narrativeCount;
    private Map<String, Object> graph = Map.of();
    private ShareToken shareToken;
    private boolean deleted;
    private Instant changedAt;

    protected Journey() {
        // for Axon, which rebuilds the journey from its events
    }

    @CommandHandler
    public Journey(StartJourneyCommand command) {
        NodeRef start = command.startingNode();
        requireValidNode(start);
        String newTitle = requireValidTitle(command.title());
        Map<NodeId, Visit> initialVisits = distinctVisits(command.visits());
        Predicate<NodeId> knownNodes = nodesAfter(start.id(), initialVisits.keySet());
        initialVisits.values().forEach(visit -> requireValidVisit(visit, knownNodes));
        requireRoomFor("nodes", initialVisits.size(), MAX_NODES);
        Map<TrackId, CollectedTrack> initialTracks = distinctTracks(command.tracks(), start.id());
        initialTracks.values().forEach(track -> requireValidTrack(track, knownNodes));
        requireRoomFor("tracks", initialTracks.size(), MAX_TRACKS);
        requireGraphWithinLimits(command.graph());

        JourneyId id = command.journeyId();
        apply(new JourneyStartedEvent(id, command.requestedBy(), newTitle, start));
        initialVisits.values().forEach(visit -> apply(visited(id, visit)));
        initialTracks.values().forEach(track -> apply(added(id, track)));
        if (command.graph() != null && !command.graph().isEmpty()) {
            apply(new JourneyGraphSavedEvent(id, command.graph()));
        }
        if (command.shareToken() != null) {
            apply(new JourneySharedEvent(id, command.shareToken()));
        }
    }

    @CommandHandler
    public JourneyCommandResult handle(VisitNodeCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        Visit visit = command.visit();
        // A repeated visit changes nothing, but a malformed one is refused all the same.
        requireWellFormedVisit(visit);
        if (!visits.containsKey(visit.node().id())) {
            requireValidVisit(visit, knownNodes());
            requireRoomFor("nodes", visits.size() + 1, MAX_NODES);
            apply(visited(journeyId, visit));
        }
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(AddTrackCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        CollectedTrack track = withOrigin(command.track(), null);
        requireWellFormedTrack(track);
        if (!tracks.containsKey(track.track().id())) {
            requireValidTrack(track, knownNodes());
            requireRoomFor("tracks", tracks.size() + 1, MAX_TRACKS);
            apply(added(journeyId, track));
        }
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(RemoveTrackCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        if (tracks.containsKey(command.trackId())) {
            apply(new TrackRemovedEvent(journeyId, command.trackId()));
        }
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(RecordNarrativeCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        requireValidNarrative(command.fromNodeId(), command.toNodeId(), command.narrative(), knownNodes());
        requireRoomFor("narratives", narrativeCount + 1, MAX_NARRATIVES);
        apply(new NarrativeRecordedEvent(journeyId, UUID.randomUUID(), command.fromNodeId(), command.toNodeId(),
                command.pathwayType(), command.narrative()));
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(RenameJourneyCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        renameTo(requireValidTitle(command.title()));
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(SaveJourneyGraphCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        requireGraphWithinLimits(command.graph());
        saveGraph(command.graph() == null ? Map.of() : command.graph());
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(ShareJourneyCommand command, ShareTokenGenerator tokens) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        if (shareToken == null) {
            apply(new JourneySharedEvent(journeyId, tokens.next()));
        }
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(RotateShareTokenCommand command, ShareTokenGenerator tokens) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        if (shareToken == null) {
            throw JourneyRejectedException.stateConflict("Journey is not shared; share it first");
        }
        apply(new ShareTokenRotatedEvent(journeyId, tokens.next()));
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(UnshareJourneyCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        if (shareToken != null) {
            apply(new JourneyUnsharedEvent(journeyId));
        }
        return result();
    }

    @CommandHandler
    public JourneyCommandResult handle(DeleteJourneyCommand command) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        apply(new JourneyDeletedEvent(journeyId));
        return result();
    }

    /**
     * The frontend saves a journey as a whole. The difference between what is stored and what was sent becomes
     * the same intent events the fine-grained routes produce: tracks and nodes taken off, nodes and tracks added,
     * title, drawing and sharing changed. Nothing is overwritten blindly; entries kept keep their history.
     */
    @CommandHandler
    public JourneyCommandResult handle(ReviseJourneyCommand command, ShareTokenGenerator tokens) {
        requireOwnedBy(command.requestedBy(), command.expectedVersion());
        String newTitle = command.title() == null ? title : requireValidTitle(command.title());
        Map<NodeId, Visit> wantedVisits = command.visits() == null
                ? new LinkedHashMap<>(visits) : distinctVisits(command.visits());
        Predicate<NodeId> finalNodes = nodesAfter(startingNodeId, wantedVisits.keySet());
        wantedVisits.values().stream()
                .filter(visit -> !visits.containsKey(visit.node().id()))
                .forEach(visit -> requireValidVisit(visit, finalNodes));
        requireRoomFor("nodes", wantedVisits.size(), MAX_NODES);
        Map<TrackId, CollectedTrack> wantedTracks = command.tracks() == null
                ? new LinkedHashMap<>(tracks) : distinctTracks(command.tracks(), startingNodeId);
        // A kept track stays at the node it was collected at, whatever origin the client sent (older frontends
        // send none): check the tracks as they will be, so none is left on a node this revision takes off.
        wantedTracks.replaceAll((id, track) -> tracks.getOrDefault(id, track));
        wantedTracks.values().forEach(track -> requireValidTrack(track, finalNodes));
        requireRoomFor("tracks", wantedTracks.size(), MAX_TRACKS);
        requireGraphWithinLimits(command.graph());

        List.copyOf(tracks.keySet()).stream()
                .filter(id -> !wantedTracks.containsKey(id))
                .forEach(id -> apply(new TrackRemovedEvent(journeyId, id)));
        List.copyOf(visits.keySet()).stream()
                .filter(id -> !wantedVisits.containsKey(id))
                .forEach(id -> apply(new NodeVisitRemovedEvent(journeyId, id)));
        wantedVisits.values().stream()
                .filter(visit -> !visits.containsKey(visit.node().id()))
                .forEach(visit -> apply(visited(journeyId, visit)));
        wantedTracks.values().stream()
                .filter(track -> !tracks.containsKey(track.track().id()))
                .forEach(track -> apply(added(journeyId, track)));
        renameTo(newTitle);
        if (command.graph() != null) {
            saveGraph(command.graph());
        }
        reviseSharing(command.shared(), command.rotateShareToken(), tokens);
        return result();
    }

    private void reviseSharing(Boolean shared, boolean rotate, ShareTokenGenerator tokens) {
        boolean sharedAfter = shared == null ? shareToken != null : shared;
        if (sharedAfter && shareToken == null) {
            apply(new JourneySharedEvent(journeyId, tokens.next()));
        } else if (sharedAfter && rotate) {
            apply(new ShareTokenRotatedEvent(journeyId, tokens.next()));
        } else if (!sharedAfter && shareToken != null) {
            apply(new JourneyUnsharedEvent(journeyId));
        }
    }

    private void renameTo(String newTitle) {
        if (!Objects.equals(title, newTitle)) {
            apply(new JourneyRenamedEvent(journeyId, newTitle));
        }
    }

    private void saveGraph(Map<String, Object> newGraph) {
        if (!Objects.equals(graph, newGraph)) {
            apply(new JourneyGraphSavedEvent(journeyId, newGraph));
        }
    }

    /**
     * Only the owner may command a journey; to anyone else, and after deletion, it does not exist. Only then is the
     * caller's expected version compared, so that a stranger cannot probe a journey's existence through it.
     */
    private void requireOwnedBy(UserId user, Long expectedVersion) {
        if (deleted || !owner.equals(user)) {
            throw JourneyRejectedException.notFound();
        }
        long current = currentVersion();
        if (expectedVersion != null && expectedVersion != current) {
            throw JourneyRejectedException.versionConflict(expectedVersion, current);
        }
    }

    private static long currentVersion() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    private Predicate<NodeId> knownNodes() {
        return nodesAfter(startingNodeId, visits.keySet());
    }

    /**
     * The nodes of a journey that starts at {@code start} and visits {@code visited}, asked of the sets themselves:
     * a copy per command grew with the journey (up to 2,000 nodes, each hashed again for every visit).
     */
    private static Predicate<NodeId> nodesAfter(NodeId start, Set<NodeId> visited) {
        return node -> start.equals(node) || visited.contains(node);
    }

    /** A node appears once in a journey; the first of several visits to the same node is the one kept. */
    private static Map<NodeId, Visit> distinctVisits(List<Visit> requested) {
        Map<NodeId, Visit> distinct = new LinkedHashMap<>();
        requested.forEach(visit -> distinct.putIfAbsent(visit.node().id(), visit));
        return distinct;
    }

    private static Map<TrackId, CollectedTrack> distinctTracks(List<CollectedTrack> requested, NodeId start) {
        Map<TrackId, CollectedTrack> distinct = new LinkedHashMap<>();
        requested.forEach(track -> distinct.putIfAbsent(track.track().id(), withOrigin(track, start)));
        return distinct;
    }

    /** Tracks saved by older frontends carry no origin: they belong to the starting node. */
    private static CollectedTrack withOrigin(CollectedTrack track, NodeId start) {
        if (track.fromNodeId() != null || start == null) {
            return track;
        }
        return new CollectedTrack(track.track(), start, track.attributes());
    }

    private static NodeVisitedEvent visited(JourneyId id, Visit visit) {
        return new NodeVisitedEvent(id, visit.node(), visit.pathwayType(), visit.parentNodeId(), visit.narrative(),
                visit.attributes());
    }

    private static TrackAddedEvent added(JourneyId id, CollectedTrack track) {
        return new TrackAddedEvent(id, track.track(), track.fromNodeId(), track.attributes());
    }

    private JourneyCommandResult result() {
        return new JourneyCommandResult(journeyId, currentVersion(), shareToken, changedAt);
    }

    /** The event store keeps times to the millisecond; answers must agree with what is read back later. */
    private static Instant storedPrecision(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    @EventSourcingHandler
    void on(JourneyStartedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        journeyId = event.journeyId();
        owner = event.ownerId();
        title = event.title();
        startingNodeId = event.startingNode().id();
    }

    @EventSourcingHandler
    void on(NodeVisitedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        visits.put(event.node().id(), new Visit(event.node(), event.pathwayType(), event.parentNodeId(),
                event.narrative(), event.clientFields()));
    }

    @EventSourcingHandler
    void on(NodeVisitRemovedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        visits.remove(event.nodeId());
    }

    @EventSourcingHandler
    void on(TrackAddedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        tracks.put(event.track().id(), new CollectedTrack(event.track(), event.fromNodeId(), event.attributes()));
    }

    @EventSourcingHandler
    void on(TrackRemovedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        tracks.remove(event.trackId());
    }

    @EventSourcingHandler
    void on(NarrativeRecordedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        narrativeCount++;
    }

    @EventSourcingHandler
    void on(JourneyRenamedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        title = event.title();
    }

    @EventSourcingHandler
    void on(JourneyGraphSavedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        graph = event.graph() == null ? Map.of() : event.graph();
    }

    @EventSourcingHandler
    void on(JourneySharedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        shareToken = event.shareToken();
    }

    @EventSourcingHandler
    void on(ShareTokenRotatedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        shareToken = event.shareToken();
    }

    @EventSourcingHandler
    void on(JourneyUnsharedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        shareToken = null;
    }

    @EventSourcingHandler
    void on(JourneyDeletedEvent event, @Timestamp Instant at) {
        changedAt = storedPrecision(at);
        deleted = true;
    }
}
