package io.musicaljourney.query.history.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.common.UserId;
import io.musicaljourney.history.query.FetchJourneyAsOfQuery;
import io.musicaljourney.history.query.FetchJourneyHistoryQuery;
import io.musicaljourney.history.query.FetchSharedJourneyReplayQuery;
import io.musicaljourney.history.query.HistoryEvent;
import io.musicaljourney.history.query.JourneyAsOf;
import io.musicaljourney.history.query.JourneyHistory;
import io.musicaljourney.history.query.ReplayStep;
import io.musicaljourney.history.query.SharedJourneyReplay;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NarrativeRecordedEvent;
import io.musicaljourney.journey.event.NodeVisitRemovedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import io.musicaljourney.journey.event.TrackAddedEvent;
import io.musicaljourney.journey.event.TrackRemovedEvent;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.query.history.fold.JourneyFold;
import io.musicaljourney.query.journey.projection.JourneyEntries;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.musicaljourney.query.history.StoredEvents.REQUEST_ID;
import static io.musicaljourney.query.history.StoredEvents.USER_ID;
import static io.musicaljourney.query.history.StoredEvents.metadata;
import static io.musicaljourney.query.history.StoredEvents.typeOf;

/**
 * Answers the history queries from the event store, never from the projection (except to find the journey behind
 * a share token). Reads go through {@link EventStore#readEvents(String, long)}: the JDBC engine reads an
 * aggregate's events by sequence-number range in batches of its batch size (100), lazily, so a page that starts
 * at a cursor costs one bounded read.
 *
 * <p>The owner is the one named by the journey's first event, {@link JourneyStartedEvent}; anyone else gets the
 * answer of a missing journey. The owner never changes, so it is remembered per journey (a bounded map) and later
 * pages need not read the first event again. A deleted journey's events stay in the store and stay its owner's.
 */
@Component
public class JourneyHistoryQueryHandler {

    /** The events a shared journey's replay shows: what was explored and collected, nothing about the owner. */
    static final Set<Class<?>> REPLAY_STEPS = Set.of(NodeVisitedEvent.class, NodeVisitRemovedEvent.class,
            TrackAddedEvent.class, TrackRemovedEvent.class, NarrativeRecordedEvent.class);
    /** A replay page skips hidden events; it stops after this many events read, to keep a page's cost bounded. */
    static final int MAX_EVENTS_READ_PER_REPLAY_PAGE = 500;
    private static final int REMEMBERED_OWNERS = 10_000;

    private static final String SHARED_JOURNEY_ID =
            "SELECT id FROM journeys WHERE share_token = :shareToken AND is_public = true";
    /** PostgreSQL renders the folded JSON exactly as it renders the projected columns (key order, spacing). */
    private static final String AS_JSONB_TEXT = """
            SELECT CAST(:nodesVisited AS jsonb)::text AS nodes_visited, CAST(:tracks AS jsonb)::text AS tracks,
                   CAST(:narratives AS jsonb)::text AS narratives, CAST(:graph AS jsonb)::text AS graph
            """;

    private final EventStore eventStore;
    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final JourneyEntries entries;
    private final Map<JourneyId, UserId> owners = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<JourneyId, UserId> eldest) {
                    return size() > REMEMBERED_OWNERS;
                }
            });

    public JourneyHistoryQueryHandler(EventStore eventStore, NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.json = json;
        this.entries = new JourneyEntries(json);
    }

    /** Null for an unknown journey or somebody else's. */
    @QueryHandler
    public JourneyHistory handle(FetchJourneyHistoryQuery query) {
        JourneyId journey = query.journeyId();
        long first = Math.max(query.after() + 1, 0);
        if (first > 0 && !isOwner(journey, query.requestedBy())) {
            return null;
        }
        DomainEventStream stream = eventStore.readEvents(journey.asString(), first);
        if (first == 0) {
            // The first page holds the first event: the owner check costs no read of its own.
            if (!stream.hasNext() || !ownerOf(journey, stream.peek()).map(query.requestedBy()::equals).orElse(false)) {
                return null;
            }
        }
        List<HistoryEvent> events = new ArrayList<>();
        while (events.size() < query.limit() && stream.hasNext()) {
            events.add(historyEvent(stream.next()));
        }
        Long nextCursor = !events.isEmpty() && stream.hasNext() ? events.get(events.size() - 1).sequence() : null;
        return new JourneyHistory(events, nextCursor);
    }

    @QueryHandler
    public JourneyAsOf handle(FetchJourneyAsOfQuery query) {
        JourneyId journey = query.journeyId();
        DomainEventStream stream = eventStore.readEvents(journey.asString(), 0);
        if (!stream.hasNext() || !ownerOf(journey, stream.peek()).map(query.requestedBy()::equals).orElse(false)) {
            return JourneyAsOf.of(JourneyAsOf.Outcome.UNKNOWN_JOURNEY);
        }
        JourneyFold fold = new JourneyFold(entries);
        long reached = -1;
        if (query.version() != null) {
            while (reached < query.version() && stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                fold.apply(event);
                reached = event.getSequenceNumber();
            }
            if (reached < query.version()) {
                return JourneyAsOf.of(JourneyAsOf.Outcome.NO_SUCH_VERSION);
            }
        } else {
            // The events up to the first one stored after the time: always a state the journey really had.
            while (stream.hasNext() && !stream.peek().getTimestamp().isAfter(query.at())) {
                fold.apply(stream.next());
            }
        }
        if (!fold.exists()) {
            return JourneyAsOf.of(JourneyAsOf.Outcome.DID_NOT_EXIST);
        }
        return JourneyAsOf.found(asStoredJson(fold.detail()));
    }

    /** Null for an unknown or revoked token. */
    @QueryHandler
    public SharedJourneyReplay handle(FetchSharedJourneyReplayQuery query) {
        List<UUID> ids = jdbc.queryForList(SHARED_JOURNEY_ID,
                new MapSqlParameterSource("shareToken", query.shareToken().value()), UUID.class);
        if (ids.isEmpty()) {
            return null;
        }
        DomainEventStream stream = eventStore.readEvents(ids.get(0).toString(), Math.max(query.after() + 1, 0));
        List<ReplayStep> steps = new ArrayList<>();
        long lastRead = query.after();
        int read = 0;
        while (read < MAX_EVENTS_READ_PER_REPLAY_PAGE && stream.hasNext()) {
            if (steps.size() == query.limit() && isReplayStep(stream.peek())) {
                return new SharedJourneyReplay(steps, lastRead);
            }
            DomainEventMessage<?> event = stream.next();
            read++;
            lastRead = event.getSequenceNumber();
            if (isReplayStep(event)) {
                steps.add(new ReplayStep(typeOf(event), event.getTimestamp(), payloadOf(event)));
            }
        }
        return new SharedJourneyReplay(steps, stream.hasNext() ? lastRead : null);
    }

    private boolean isOwner(JourneyId journey, UserId user) {
        UserId known = owners.get(journey);
        if (known != null) {
            return known.equals(user);
        }
        DomainEventStream stream = eventStore.readEvents(journey.asString(), 0);
        return stream.hasNext() && ownerOf(journey, stream.peek()).map(user::equals).orElse(false);
    }

    /** The owner named by the journey's first event, remembered for the next pages. */
    private Optional<UserId> ownerOf(JourneyId journey, DomainEventMessage<?> first) {
        if (first.getSequenceNumber() != 0 || !JourneyStartedEvent.class.equals(first.getPayloadType())) {
            return Optional.empty();
        }
        UserId owner = ((JourneyStartedEvent) first.getPayload()).ownerId();
        owners.put(journey, owner);
        return Optional.of(owner);
    }

    private HistoryEvent historyEvent(DomainEventMessage<?> event) {
        return new HistoryEvent(event.getSequenceNumber(), typeOf(event), revisionOf(event), event.getTimestamp(),
                metadata(event, USER_ID), metadata(event, REQUEST_ID), payloadOf(event));
    }

    private static boolean isReplayStep(DomainEventMessage<?> event) {
        return REPLAY_STEPS.contains(event.getPayloadType());
    }

    /** The revision of the shape the payload is shown in: the class's, since upcasters have run. */
    private static String revisionOf(DomainEventMessage<?> event) {
        if (event.getPayload() instanceof UnknownSerializedType unknown) {
            return unknown.serializedType().getRevision();
        }
        Revision revision = event.getPayloadType().getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** The event record as JSON; an event of a type this instance does not know has no payload to show. */
    private String payloadOf(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload == null || payload instanceof UnknownSerializedType) {
            return "null";
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the payload of a " + typeOf(event) + " event as JSON", e);
        }
    }

    private JourneyDetail asStoredJson(JourneyDetail folded) {
        Map<String, Object> rendered = jdbc.queryForMap(AS_JSONB_TEXT, new MapSqlParameterSource()
                .addValue("nodesVisited", folded.nodesVisited())
                .addValue("tracks", folded.tracks())
                .addValue("narratives", folded.narratives())
                .addValue("graph", folded.graph()));
        return new JourneyDetail(folded.id(), folded.userId(), folded.title(), folded.startingNodeType(),
                folded.startingNodeId(), folded.startingNodeName(), (String) rendered.get("nodes_visited"),
                (String) rendered.get("tracks"), (String) rendered.get("narratives"), (String) rendered.get("graph"),
                folded.createdAt(), folded.updatedAt(), folded.isPublic(), folded.shareToken(), folded.version());
    }
}
