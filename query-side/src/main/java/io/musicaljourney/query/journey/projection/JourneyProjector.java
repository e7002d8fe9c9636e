package io.musicaljourney.query.journey.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.journey.JourneyId;
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
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Folds the journey events into the {@code journeys} table, the read model the frontend was written against.
 *
 * <p>Every handler is idempotent: a row remembers in {@code version} the sequence number of the last event folded
 * into it, and a change applies only to a row that is older than the event. Redelivering an event, or a whole
 * batch after a failed commit, therefore changes nothing. The handlers run in the processor's transaction, which
 * also stores its token, so a row and the token never disagree.
 *
 * <p>{@code updated_at} and the entries' timestamps are the event's own time, so a replay produces the same
 * row, and they are kept at the microsecond precision of PostgreSQL's {@code TIMESTAMP} so that the column and
 * the JSON agree to the last digit.
 *
 * <p>The same class folds into another table for a rebuild ({@link #writingTo}): the operators' shadow rebuild
 * runs a second instance on a processor of its own that writes {@code journeys_rebuild} and tells no waiter.
 * Read-your-writes notifications are side effects for the callers of this instance, so they are never sent for
 * an event delivered by a replay either.
 *
 * <p>Each statement runs under a savepoint inside the processor's transaction. PostgreSQL aborts a whole
 * transaction on a failed statement; without the savepoint one poison event would take its batch down with it,
 * including the dead-letter queue's insert, and the processor would retry the batch forever instead of parking
 * the event (and the later events of its journey) in the dead-letter queue.
 *
 * <p>That is the path of a single event (a dead letter's retry, a direct call). A processor's batch is written at
 * its commit instead, folded per journey ({@link PendingJourneyWrites}): a statement per event, each under a
 * savepoint and each rewriting the journey's whole JSONB array, was most of a rebuild's time (issue 5). A poison
 * event then fails the batch at its commit rather than in its handler, where the dead-letter queue cannot see it;
 * the batch rolls back, and the processor's retry of it writes the journeys of the failed batch event by event
 * again, so the poison event is dead-lettered with its journey's later events as before.
 */
@Component
@ProcessingGroup(JourneyProjector.PROCESSING_GROUP)
public class JourneyProjector {

    public static final String PROCESSING_GROUP = "journeys";

    /** The live read model. */
    public static final String LIVE_TABLE = "journeys";

    private static final Duration ONE_BY_ONE_AFTER_FAILURE = Duration.ofMinutes(1);

    /**
     * The event's time as text for a {@code timestamp} column (UTC, to the microsecond). A {@code LocalDateTime}
     * parameter makes the driver build a calendar for every statement: 10 % of the projector's batch CPU (issue 5).
     */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final String INSERT_JOURNEY = """
            INSERT INTO {table} (id, user_id, title, starting_node_type, starting_node_id, starting_node_name,
                                 created_at, updated_at, version)
            VALUES (:id, :userId, :title, :startingNodeType, :startingNodeId, :startingNodeName, CAST(:at AS timestamp),
                    CAST(:at AS timestamp), :sequence)
            ON CONFLICT (id) DO NOTHING
            """;
    private static final String APPEND_VISITED_NODE =
            guardedUpdate("nodes_visited = nodes_visited || CAST(:entry AS jsonb)");
    private static final String REMOVE_VISITED_NODE = guardedUpdate("""
            nodes_visited = (SELECT coalesce(jsonb_agg(e ORDER BY i), '[]'::jsonb)
                             FROM jsonb_array_elements(nodes_visited) WITH ORDINALITY AS t(e, i)
                             WHERE (e ->> 'nodeId') IS DISTINCT FROM :nodeId)""");
    private static final String APPEND_TRACK = guardedUpdate("tracks = tracks || CAST(:entry AS jsonb)");
    private static final String REMOVE_TRACK = guardedUpdate("""
            tracks = (SELECT coalesce(jsonb_agg(e ORDER BY i), '[]'::jsonb)
                      FROM jsonb_array_elements(tracks) WITH ORDINALITY AS t(e, i)
                      WHERE (e ->> 'trackId') IS DISTINCT FROM :trackId)""");
    private static final String APPEND_NARRATIVE = guardedUpdate("narratives = narratives || CAST(:entry AS jsonb)");
    private static final String SET_TITLE = guardedUpdate("title = :title");
    private static final String SET_GRAPH = guardedUpdate("graph = CAST(:graph AS jsonb)");
    private static final String SET_SHARED = guardedUpdate("is_public = true, share_token = :shareToken");
    private static final String SET_UNSHARED = guardedUpdate("is_public = false, share_token = NULL");
    private static final String DELETE_JOURNEY = "DELETE FROM {table} WHERE id = :id";

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final JourneyEntries entries;
    /** Null: nobody is told (a rebuild into a shadow table). */
    private final JourneyProjectionTracker tracker;
    private final String table;
    /** The resource of a processor's batch holding this projector's pending writes (one per table). */
    private final String pendingResource;
    /**
     * Journeys of batches that failed at their commit, written event by event (each under its savepoint) for a while,
     * so that the processor's retry finds the failing event in its handler and the dead-letter queue parks it.
     */
    private final Map<UUID, Long> oneByOne = new ConcurrentHashMap<>();

    @Autowired
    public JourneyProjector(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper,
                            JourneyProjectionTracker tracker) {
        this(jdbc, objectMapper, tracker, LIVE_TABLE);
    }

    private JourneyProjector(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper,
                             JourneyProjectionTracker tracker, String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a plain table name: " + table);
        }
        this.jdbc = jdbc;
        this.dataSource = jdbc.getJdbcTemplate().getDataSource();
        this.entries = new JourneyEntries(objectMapper);
        this.tracker = tracker;
        this.table = table;
        this.pendingResource = PendingJourneyWrites.class.getName() + "." + table;
    }

    /**
     * A projector that folds the same events into another table with the same columns (the shadow table of a
     * rebuild) and notifies no read-your-writes waiter. It is not a bean: whoever runs it registers it with a
     * processor of its own.
     */
    public static JourneyProjector writingTo(String table, NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper) {
        return new JourneyProjector(jdbc, objectMapper, null, table);
    }

    /** The table this projector writes. */
    public String table() {
        return table;
    }

    @EventHandler
    void on(JourneyStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        NodeRef start = event.startingNode();
        write(INSERT_JOURNEY, row(event.journeyId(), sequence, timestamp)
                .addValue("userId", event.ownerId().value())
                .addValue("title", event.title(), Types.VARCHAR)
                .addValue("startingNodeType", start.type().wireName())
                .addValue("startingNodeId", start.id().value())
                .addValue("startingNodeName", start.name()));
        notifyAfterCommit(tracker -> tracker.projected(event.journeyId(), sequence));
    }

    @EventHandler
    void on(NodeVisitedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Instant at = eventTime(timestamp);
        update(event.journeyId(), sequence, APPEND_VISITED_NODE,
                row(event.journeyId(), sequence, at).addValue("entry", entries.visitedNode(event, at)));
    }

    @EventHandler
    void on(NodeVisitRemovedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        update(event.journeyId(), sequence, REMOVE_VISITED_NODE,
                row(event.journeyId(), sequence, timestamp).addValue("nodeId", event.nodeId().value()));
    }

    @EventHandler
    void on(TrackAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Instant at = eventTime(timestamp);
        update(event.journeyId(), sequence, APPEND_TRACK,
                row(event.journeyId(), sequence, at).addValue("entry", entries.collectedTrack(event, at)));
    }

    @EventHandler
    void on(TrackRemovedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        update(event.journeyId(), sequence, REMOVE_TRACK,
                row(event.journeyId(), sequence, timestamp).addValue("trackId", event.trackId().value()));
    }

    @EventHandler
    void on(NarrativeRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Instant at = eventTime(timestamp);
        update(event.journeyId(), sequence, APPEND_NARRATIVE,
                row(event.journeyId(), sequence, at).addValue("entry", entries.recordedNarrative(event, at)));
    }

    @EventHandler
    void on(JourneyRenamedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        update(event.journeyId(), sequence, SET_TITLE,
                row(event.journeyId(), sequence, timestamp).addValue("title", event.title(), Types.VARCHAR));
    }

    @EventHandler
    void on(JourneyGraphSavedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        update(event.journeyId(), sequence, SET_GRAPH,
                row(event.journeyId(), sequence, timestamp).addValue("graph", entries.graph(event.graph())));
    }

    @EventHandler
    void on(JourneySharedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        update(event.journeyId(), sequence, SET_SHARED,
                row(event.journeyId(), sequence, timestamp).addValue("shareToken", event.shareToken().value()));
    }

    @EventHandler
    void on(ShareTokenRotatedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        update(event.journeyId(), sequence, SET_SHARED,
                row(event.journeyId(), sequence, timestamp).addValue("shareToken", event.shareToken().value()));
    }

    @EventHandler
    void on(JourneyUnsharedEvent event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        update(event.journeyId(), sequence, SET_UNSHARED, row(event.journeyId(), sequence, timestamp));
    }

    /** Deletion is final (the aggregate accepts nothing afterwards), so it needs no version guard. */
    @EventHandler
    void on(JourneyDeletedEvent event, @SequenceNumber long sequence) {
        write(DELETE_JOURNEY, new MapSqlParameterSource("id", event.journeyId().value())
                .addValue("sequence", sequence));
        notifyAfterCommit(tracker -> tracker.deleted(event.journeyId(), sequence));
    }

    private void update(JourneyId id, long sequence, String statement, MapSqlParameterSource row) {
        write(statement, row);
        notifyAfterCommit(tracker -> tracker.projected(id, sequence));
    }

    /**
     * Runs one statement against this projector's table, under a savepoint when a transaction is active, so that a
     * failing statement leaves the transaction usable for the dead-letter queue and the token.
     */
    private void write(String statement, MapSqlParameterSource parameters) {
        String sql = statement.replace("{table}", table);
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.update(sql, parameters);
            return;
        }
        if (deferToBatch(statement, parameters)) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot set a savepoint for the journeys projection", failure);
        }
        try {
            jdbc.update(sql, parameters);
        } catch (RuntimeException failure) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot release a savepoint of the journeys projection", failure);
        }
    }

    /**
     * Holds the write back until the processor's batch commits, when the event is part of one and its journey was not
     * in a batch that failed lately.
     */
    private boolean deferToBatch(String statement, MapSqlParameterSource parameters) {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>)) {
            return false;
        }
        UUID journey = (UUID) parameters.getValue("id");
        if (writeOneByOne(journey)) {
            return false;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        PendingJourneyWrites pending = batch.getResource(pendingResource);
        if (pending == null) {
            PendingJourneyWrites writes = new PendingJourneyWrites();
            batch.onPrepareCommit(unitOfWork -> flush(writes));
            batch.resources().put(pendingResource, writes);
            pending = writes;
        }
        pending.add(new PendingJourneyWrites.Write(journey, ((Number) parameters.getValue("sequence")).longValue(),
                statement, parameters, kindOf(statement), entryOf(parameters)));
        return true;
    }

    private void flush(PendingJourneyWrites writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            writes.flush(jdbc, table);
        } catch (RuntimeException failure) {
            long until = System.nanoTime() + ONE_BY_ONE_AFTER_FAILURE.toNanos();
            writes.journeys().forEach(journey -> oneByOne.put(journey, until));
            throw failure;
        }
    }

    private boolean writeOneByOne(UUID journey) {
        Long until = oneByOne.get(journey);
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() > 0) {
            return true;
        }
        oneByOne.remove(journey, until);
        return false;
    }

    private static PendingJourneyWrites.Kind kindOf(String statement) {
        if (statement.equals(INSERT_JOURNEY)) {
            return PendingJourneyWrites.Kind.INSERT;
        } else if (statement.equals(APPEND_VISITED_NODE)) {
            return PendingJourneyWrites.Kind.VISIT;
        } else if (statement.equals(APPEND_TRACK)) {
            return PendingJourneyWrites.Kind.TRACK;
        } else if (statement.equals(APPEND_NARRATIVE)) {
            return PendingJourneyWrites.Kind.NARRATIVE;
        }
        return PendingJourneyWrites.Kind.OTHER;
    }

    private static String entryOf(MapSqlParameterSource parameters) {
        return parameters.hasValue("entry") ? (String) parameters.getValue("entry") : null;
    }

    /**
     * One change, applied only to a row older than the event, which then carries the event's sequence and time. A
     * row already at or past the event (a redelivery), or one that is gone (a deleted journey), is left as it is.
     */
    private static String guardedUpdate(String change) {
        return "UPDATE {table} SET " + change + ", version = :sequence, updated_at = CAST(:at AS timestamp)"
                + " WHERE id = :id AND version < :sequence";
    }

    private static MapSqlParameterSource row(JourneyId id, long sequence, Instant timestamp) {
        return new MapSqlParameterSource()
                .addValue("id", id.value())
                .addValue("sequence", sequence)
                .addValue("at", AT.format(eventTime(timestamp)));
    }

    private static Instant eventTime(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Waiters must not be told before the row is visible to other connections. Outside a unit of work (a direct
     * call, as in tests) there is no later commit to wait for. A shadow projector has nobody to tell, and an event
     * delivered by a replay (a reset of the live processor) is old news that no caller waits for.
     */
    private void notifyAfterCommit(java.util.function.Consumer<JourneyProjectionTracker> notification) {
        if (tracker == null) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            notification.accept(tracker);
            return;
        }
        if (ReplayToken.isReplay(CurrentUnitOfWork.get().getMessage())) {
            return;
        }
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> notification.accept(tracker));
    }
}
