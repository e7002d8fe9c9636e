package io.musicaljourney.command.journey.aggregate;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.JourneyRejection;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.TrackId;
import io.musicaljourney.journey.TrackRef;
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
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.command.RotateShareTokenCommand;
import io.musicaljourney.sharing.command.ShareJourneyCommand;
import io.musicaljourney.sharing.command.UnshareJourneyCommand;
import io.musicaljourney.command.routing.MemoizedCommandTargetResolver;
import io.musicaljourney.command.sharing.token.ShareTokenGenerator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Shared test data of the Journey aggregate's given/when/expect tests: a fixed owner and journey, a stranger,
 * node, visit and track builders, the matching events, and matchers for rejections and command results.
 */
final class JourneyFixtures {

    static final UserId OWNER = new UserId("owner-spotify-id");
    static final UserId ANOTHER_USER = new UserId("another-spotify-id");
    static final JourneyId JOURNEY_ID = new JourneyId(UUID.fromString("6f1c1a4e-2d3b-4c5d-8e9f-0a1b2c3d4e5f"));
    static final String TITLE = "From Miles to the moon";
    static final NodeRef START = new NodeRef(NodeId.of("0kbYTNQb4Pb1rPbbaF0pT4"), NodeType.ARTIST, "Miles Davis");
    static final NodeId START_ID = START.id();

    static final ShareToken TOKEN = new ShareToken("AAAAAAAAAAAAAAAAAAAAAAAA");
    static final ShareToken SECOND_TOKEN = new ShareToken("BBBBBBBBBBBBBBBBBBBBBBBB");
    static final ShareToken THIRD_TOKEN = new ShareToken("CCCCCCCCCCCCCCCCCCCCCCCC");

    private JourneyFixtures() {
    }

    // ---- the fixture ----------------------------------------------------------------------------------------

    /** A fixture whose token generator hands out {@code tokens} in order and fails the test when asked for more. */
    static AggregateTestFixture<Journey> fixtureWithTokens(ShareToken... tokens) {
        AggregateTestFixture<Journey> fixture = new AggregateTestFixture<>(Journey.class);
        // The resolver the application uses, so that every aggregate test also routes commands as it does.
        fixture.registerCommandTargetResolver(new MemoizedCommandTargetResolver());
        fixture.registerInjectableResource(tokenSequence(tokens));
        return fixture;
    }

    /** The usual fixture: the generator answers {@link #TOKEN}, then {@link #SECOND_TOKEN}, then {@link #THIRD_TOKEN}. */
    static AggregateTestFixture<Journey> fixture() {
        return fixtureWithTokens(TOKEN, SECOND_TOKEN, THIRD_TOKEN);
    }

    static ShareTokenGenerator tokenSequence(ShareToken... tokens) {
        Deque<ShareToken> remaining = new ArrayDeque<>(Arrays.asList(tokens));
        return () -> {
            if (remaining.isEmpty()) {
                throw new AssertionError("the aggregate asked for more share tokens than the test expected");
            }
            return remaining.removeFirst();
        };
    }

    // ---- nodes, visits, tracks ------------------------------------------------------------------------------

    static NodeRef artist(String id) {
        return new NodeRef(NodeId.of(id), NodeType.ARTIST, "Artist " + id);
    }

    static NodeRef node(String id, NodeType type, String name) {
        return new NodeRef(NodeId.of(id), type, name);
    }

    static NodeId nodeId(String id) {
        return NodeId.of(id);
    }

    /** A visit to artist {@code id}, reached from {@code parentId} (null for a free-standing node). */
    static Visit visit(String id, String parentId) {
        return new Visit(artist(id), PathwayType.INFLUENCES, NodeId.ofNullable(parentId), null, Map.of());
    }

    static Visit visitFromStart(String id) {
        return visit(id, START_ID.value());
    }

    static Visit visitOf(NodeRef node, NodeId parent) {
        return new Visit(node, PathwayType.INFLUENCES, parent, null, Map.of());
    }

    static TrackRef trackRef(String id) {
        return new TrackRef(TrackId.of(id), "Track " + id, "Artist of " + id, "Album of " + id,
                "https://p.scdn.co/mp3-preview/" + id);
    }

    static CollectedTrack track(String id, String fromNodeId) {
        return new CollectedTrack(trackRef(id), NodeId.ofNullable(fromNodeId), Map.of());
    }

    static CollectedTrack trackFromStart(String id) {
        return track(id, START_ID.value());
    }

    static TrackId trackId(String id) {
        return TrackId.of(id);
    }

    // ---- events ---------------------------------------------------------------------------------------------

    static JourneyStartedEvent started() {
        return new JourneyStartedEvent(JOURNEY_ID, OWNER, TITLE, START);
    }

    static NodeVisitedEvent visited(Visit visit) {
        return new NodeVisitedEvent(JOURNEY_ID, visit.node(), visit.pathwayType(), visit.parentNodeId(),
                visit.narrative(), visit.attributes());
    }

    static NodeVisitedEvent visited(String id, String parentId) {
        return visited(visit(id, parentId));
    }

    static TrackAddedEvent trackAdded(CollectedTrack track) {
        return new TrackAddedEvent(JOURNEY_ID, track.track(), track.fromNodeId(), track.attributes());
    }

    static TrackAddedEvent trackAdded(String id, String fromNodeId) {
        return trackAdded(track(id, fromNodeId));
    }

    /** {@code count} visits {@code node-0, node-1...}, each reached from the starting node. */
    static List<Object> visitedEvents(int count) {
        List<Object> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(visited("node-" + i, START_ID.value()));
        }
        return events;
    }

    /** {@code count} tracks {@code track-0, track-1...}, each collected at the starting node. */
    static List<Object> trackAddedEvents(int count) {
        List<Object> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(trackAdded("track-" + i, START_ID.value()));
        }
        return events;
    }

    static List<Object> narrativeEvents(int count) {
        List<Object> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new NarrativeRecordedEvent(JOURNEY_ID, UUID.randomUUID(), START_ID, START_ID,
                    PathwayType.INFLUENCES, "Story " + i));
        }
        return events;
    }

    /** The started journey followed by {@code more} events, as one list for {@code given(List)}. */
    static List<Object> startedAnd(List<Object> more) {
        List<Object> events = new ArrayList<>(more.size() + 1);
        events.add(started());
        events.addAll(more);
        return events;
    }

    // ---- commands -------------------------------------------------------------------------------------------

    static StartJourneyCommand start(List<Visit> visits, List<CollectedTrack> tracks, Map<String, Object> graph,
                                     ShareToken shareToken) {
        return new StartJourneyCommand(JOURNEY_ID, OWNER, TITLE, START, visits, tracks, graph, shareToken);
    }

    static StartJourneyCommand startWithTitle(String title) {
        return new StartJourneyCommand(JOURNEY_ID, OWNER, title, START, null, null, null, null);
    }

    static StartJourneyCommand startAt(NodeRef startingNode) {
        return new StartJourneyCommand(JOURNEY_ID, OWNER, TITLE, startingNode, null, null, null, null);
    }

    static VisitNodeCommand visitCommand(Visit visit) {
        return new VisitNodeCommand(JOURNEY_ID, OWNER, visit, null);
    }

    static AddTrackCommand addTrackCommand(CollectedTrack track) {
        return new AddTrackCommand(JOURNEY_ID, OWNER, track, null);
    }

    static RemoveTrackCommand removeTrackCommand(String trackId) {
        return new RemoveTrackCommand(JOURNEY_ID, OWNER, TrackId.of(trackId), null);
    }

    static RecordNarrativeCommand narrativeCommand(String from, String to, String narrative) {
        return new RecordNarrativeCommand(JOURNEY_ID, OWNER, NodeId.ofNullable(from), NodeId.ofNullable(to),
                PathwayType.INFLUENCES, narrative, null);
    }

    static RenameJourneyCommand renameCommand(String title) {
        return new RenameJourneyCommand(JOURNEY_ID, OWNER, title, null);
    }

    static SaveJourneyGraphCommand graphCommand(Map<String, Object> graph) {
        return new SaveJourneyGraphCommand(JOURNEY_ID, OWNER, graph, null);
    }

    static ShareJourneyCommand shareCommand() {
        return new ShareJourneyCommand(JOURNEY_ID, OWNER, null);
    }

    static RotateShareTokenCommand rotateCommand() {
        return new RotateShareTokenCommand(JOURNEY_ID, OWNER, null);
    }

    static UnshareJourneyCommand unshareCommand() {
        return new UnshareJourneyCommand(JOURNEY_ID, OWNER, null);
    }

    static DeleteJourneyCommand deleteCommand() {
        return new DeleteJourneyCommand(JOURNEY_ID, OWNER, null);
    }

    /** A revision that keeps everything: every field null, no rotation. Adjust it with the fluent methods. */
    static Revision revision() {
        return new Revision();
    }

    /** Builds the frontend's PATCH as a {@link ReviseJourneyCommand}; null fields keep the stored values. */
    static final class Revision {
        private UserId by = OWNER;
        private String title;
        private List<Visit> visits;
        private List<CollectedTrack> tracks;
        private Map<String, Object> graph;
        private Boolean shared;
        private boolean rotate;

        Revision by(UserId user) {
            by = user;
            return this;
        }

        Revision title(String newTitle) {
            title = newTitle;
            return this;
        }

        Revision visits(Visit... newVisits) {
            visits = List.of(newVisits);
            return this;
        }

        Revision tracks(CollectedTrack... newTracks) {
            tracks = List.of(newTracks);
            return this;
        }

        Revision graph(Map<String, Object> newGraph) {
            graph = newGraph;
            return this;
        }

        Revision shared(Boolean newShared) {
            shared = newShared;
            return this;
        }

        Revision rotate() {
            rotate = true;
            return this;
        }

        ReviseJourneyCommand command() {
            return new ReviseJourneyCommand(JOURNEY_ID, by, title, visits, tracks, graph, shared, rotate, null);
        }
    }

    /** One command of every kind an existing journey accepts, each sent by {@code user}. */
    static List<Object> everyCommandOnAJourneyBy(UserId user) {
        return List.of(
                new VisitNodeCommand(JOURNEY_ID, user, visitFromStart("new-node"), null),
                new AddTrackCommand(JOURNEY_ID, user, trackFromStart("new-track"), null),
                new RemoveTrackCommand(JOURNEY_ID, user, TrackId.of("track-a"), null),
                new RecordNarrativeCommand(JOURNEY_ID, user, START_ID, START_ID, PathwayType.LEGACY, "A story", null),
                new RenameJourneyCommand(JOURNEY_ID, user, "Another title", null),
                new SaveJourneyGraphCommand(JOURNEY_ID, user, graph("n1"), null),
                new ShareJourneyCommand(JOURNEY_ID, user, null),
                new RotateShareTokenCommand(JOURNEY_ID, user, null),
                new UnshareJourneyCommand(JOURNEY_ID, user, null),
                new DeleteJourneyCommand(JOURNEY_ID, user, null),
                revision().by(user).title("Revised").shared(true).command());
    }

    // ---- graphs ---------------------------------------------------------------------------------------------

    /** A small React Flow drawing with the given node ids and no edges. */
    static Map<String, Object> graph(String... nodeIds) {
        List<Object> nodes = new ArrayList<>();
        for (String id : nodeIds) {
            nodes.add(Map.of("id", id, "position", Map.of("x", 10, "y", 20), "data", Map.of("label", id)));
        }
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("nodes", nodes);
        graph.put("edges", List.of());
        return graph;
    }

    /** Maps nested {@code levels} deep: {@code {"child": {"child": ... {"leaf": 1}}}}. */
    static Map<String, Object> nestedMaps(int levels) {
        Map<String, Object> innermost = Map.of("leaf", 1);
        Map<String, Object> current = innermost;
        for (int i = 1; i < levels; i++) {
            current = Map.of("child", current);
        }
        return current;
    }

    static String text(int length) {
        return "x".repeat(length);
    }

    /** The sequence numbers of the given event messages, in order. */
    static List<Long> sequenceNumbers(List<?> events) {
        return events.stream().map(event -> ((DomainEventMessage<?>) event).getSequenceNumber()).toList();
    }

    // ---- matchers -------------------------------------------------------------------------------------------

    /** A {@link JourneyRejectedException} with the given reason. */
    static Matcher<Throwable> rejectedAs(JourneyRejection reason) {
        return rejectedAs(reason, null);
    }

    /** A {@link JourneyRejectedException} with the given reason whose message contains {@code messagePart}. */
    static Matcher<Throwable> rejectedAs(JourneyRejection reason, String messagePart) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item, Description mismatch) {
                if (!(item instanceof JourneyRejectedException rejected)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                if (rejected.reason() != reason) {
                    mismatch.appendText("was rejected as ").appendValue(rejected.reason())
                            .appendText(": ").appendValue(rejected.getMessage());
                    return false;
                }
                if (messagePart != null && (rejected.getMessage() == null
                        || !rejected.getMessage().contains(messagePart))) {
                    mismatch.appendText("had the message ").appendValue(rejected.getMessage());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a JourneyRejectedException of reason ").appendValue(reason);
                if (messagePart != null) {
                    description.appendText(" with a message containing ").appendValue(messagePart);
                }
            }
        };
    }

    /** The result of a command on {@link #JOURNEY_ID}: its version afterwards and its share token (null: none). */
    static Matcher<JourneyCommandResult> result(long version, ShareToken shareToken) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(JourneyCommandResult item, Description mismatch) {
                boolean matches = JOURNEY_ID.equals(item.journeyId()) && item.version() == version
                        && Objects.equals(shareToken, item.shareToken()) && item.changedAt() != null;
                if (!matches) {
                    mismatch.appendText("was a result of journey ").appendValue(item.journeyId())
                            .appendText(", version ").appendValue(item.version())
                            .appendText(", token ").appendValue(item.shareToken() == null
                                    ? null : item.shareToken().value())
                            .appendText(", changedAt ").appendValue(item.changedAt());
                }
                return matches;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a result of journey ").appendValue(JOURNEY_ID)
                        .appendText(", version ").appendValue(version)
                        .appendText(", token ").appendValue(shareToken == null ? null : shareToken.value());
            }
        };
    }
}
