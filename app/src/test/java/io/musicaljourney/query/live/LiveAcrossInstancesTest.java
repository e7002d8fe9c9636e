package io.musicaljourney.query.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicaljourney.app.eventstore.EventNotification;
import io.musicaljourney.app.eventstore.EventNotificationListener;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.ServiceInstances;
import io.musicaljourney.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one database, the way they are deployed: commands handled by instance A (command role only),
 * streams and projections on instance B (query role only). B never commits events itself and its safety tick is
 * ten minutes, so a stream on B learns of A's commits only through A's {@code NOTIFY}.
 */
class LiveAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;
    private static Api commandsOnA;
    private static Api queriesOnB;
    private static String database;

    @BeforeAll
    static void startTwoInstances() {
        database = TestDatabase.create("mj_live");
        instanceA = start(database, "journey.roles.query=false");
        instanceB = start(database, "journey.roles.command=false");
        commandsOnA = new Api(base(instanceA));
        queriesOnB = new Api(base(instanceB));
        await().atMost(WAIT).until(() -> instanceB.getBean(EventNotificationListener.class).connected());
    }

    @AfterAll
    static void stop() {
        if (instanceA != null) {
            instanceA.close();
        }
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    void aStreamOnOneInstanceCarriesTheEventsOfCommandsHandledByTheOther() {
        String alice = "alice-" + java.util.UUID.randomUUID();
        String id = start(alice);
        try (SseClient stream = SseClient.open(base(instanceB) + "/api/journeys/" + id + "/stream", alice, null)) {
            assertThat(stream.status()).isEqualTo(200);

            commandsOnA.post("/api/journeys/" + id + "/visits", alice,
                    JourneyRequests.visit("mjc-son-house", "Son House", JourneyRequests.START_ID));

            SseClient.Event visited = stream.next(WAIT);
            assertThat(visited.name()).isEqualTo("NodeVisited");
            assertThat(visited.id()).isEqualTo("1");
            assertThat(visited.data()).contains("mjc-son-house");
        }
    }

    @Test
    void theOtherInstancesProjectionShowsACommandAtOnceWithoutWaitingForTheTick() {
        String alice = "alice-" + java.util.UUID.randomUUID();
        String id = start(alice);
        // Without the notification B's projector would look again only on its ten-minute tick.
        await().atMost(Duration.ofSeconds(2)).until(() -> queriesOnB.get("/api/journeys/" + id, alice).status() == 200);

        commandsOnA.put("/api/journeys/" + id + "/title", alice, Map.of("title", "Renamed on A"));
        await().atMost(Duration.ofSeconds(2)).until(() -> "Renamed on A".equals(
                queriesOnB.get("/api/journeys/" + id, alice).json().get("journey").get("title").asText()));
    }

    @Test
    void streamsThatClientsLeaveAreDroppedAndCountedNoMore() {
        String alice = "alice-" + java.util.UUID.randomUUID();
        String id = start(alice);
        JourneyStreams streams = instanceB.getBean(JourneyStreams.class);
        MeterRegistry meters = instanceB.getBean(MeterRegistry.class);
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
        int before = 0;

        SseClient one = SseClient.open(base(instanceB) + "/api/journeys/" + id + "/stream", alice, null);
        SseClient two = SseClient.open(base(instanceB) + "/api/journeys/" + id + "/stream", alice, null);
        assertThat(streams.openStreams()).isEqualTo(before + 2);
        assertThat(meters.get("journey.live.streams").gauge().value()).isEqualTo(before + 2);
        // Heartbeats (every 200 ms here) keep idle streams going.
        await().atMost(WAIT).until(() -> one.comments() >= 3);

        one.close();
        two.close();

        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
        assertThat(meters.get("journey.live.streams").gauge().value()).isZero();
    }

    /** A notice is sent once its events have committed, never for events that rolled back. */
    @Test
    void aNotificationIsDeliveredOnlyWhenItsEventsCommit() throws Exception {
        EventStore events = instanceA.getBean(EventStore.class);
        TransactionManager transactions = instanceA.getBean(TransactionManager.class);
        String rolledBack = "rolled-back-" + java.util.UUID.randomUUID();
        String committed = "committed-" + java.util.UUID.randomUUID();
        try (Connection listening = listening()) {
            publishInUnitOfWork(events, transactions, rolledBack, false);
            publishInUnitOfWork(events, transactions, committed, true);

            List<String> payloads = payloadsUntilOneNames(listening, committed);
            assertThat(payloads).noneMatch(payload -> payload.contains(rolledBack));
        }
    }

    /**
     * A commit of several events is told in one notification naming each aggregate's last event (together with any
     * other commits since the sender's last notification).
     */
    @Test
    void aCommitOfSeveralEventsSendsOneNotificationWithEachAggregatesLastSequence() throws Exception {
        EventStore events = instanceA.getBean(EventStore.class);
        TransactionManager transactions = instanceA.getBean(TransactionManager.class);
        String first = "first-" + java.util.UUID.randomUUID();
        String second = "second-" + java.util.UUID.randomUUID();
        String marker = "marker-" + java.util.UUID.randomUUID();
        try (Connection listening = listening()) {
            publishInUnitOfWork(events, transactions, true, event(first, 0), event(first, 1), event(second, 0));
            publishInUnitOfWork(events, transactions, true, event(marker, 0));

            List<String> payloads = payloadsUntilOneNames(listening, marker);
            List<EventNotification> ofTheCommit = payloads.stream().filter(payload -> payload.contains(first))
                    .map(EventNotification::parse).toList();
            assertThat(ofTheCommit).hasSize(1);
            assertThat(ofTheCommit.get(0).aggregates()).containsExactlyInAnyOrderEntriesOf(
                    Map.of(first, 1L, second, 0L));
        }
    }

    /**
     * The commands' transactions send no {@code NOTIFY}: a notifying commit holds a database-wide lock until it is
     * flushed, which made every command wait for the others' commits. The notices come from the sender's own session.
     */
    @Test
    void notificationsComeFromTheNoticeSendersOwnSessionNotFromTheTransactionsThatStoreTheEvents() throws Exception {
        EventStore events = instanceA.getBean(EventStore.class);
        TransactionManager transactions = instanceA.getBean(TransactionManager.class);
        String aggregate = "sender-" + java.util.UUID.randomUUID();
        try (Connection listening = listening()) {
            publishInUnitOfWork(events, transactions, aggregate, true);

            List<PGNotification> received = notificationsUntilOneNames(listening, aggregate);
            PGNotification told = received.get(received.size() - 1);
            List<Integer> senders;
            try (Statement sessions = listening.createStatement();
                 var rows = sessions.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                         + " AND application_name = 'musical-journey event notices'")) {
                senders = new ArrayList<>();
                while (rows.next()) {
                    senders.add(rows.getInt(1));
                }
            }
            assertThat(senders).as("the notice senders of instance A (the command role) and B").isNotEmpty();
            assertThat(senders).contains(told.getPID());
        }
    }

    /** A connection of the test's own, listening on the events' channel. */
    private static Connection listening() throws SQLException {
        Connection listening = DriverManager.getConnection(database, TestDatabase.USER, "");
        try (Statement listen = listening.createStatement()) {
            listen.execute("LISTEN " + EventNotification.CHANNEL);
        }
        return listening;
    }

    /** Every payload received, up to the first that names this aggregate. */
    private static List<String> payloadsUntilOneNames(Connection listening, String aggregate) throws SQLException {
        return notificationsUntilOneNames(listening, aggregate).stream().map(PGNotification::getParameter).toList();
    }

    /** Every notification received, up to the first that names this aggregate (the last one). */
    private static List<PGNotification> notificationsUntilOneNames(Connection listening, String aggregate)
            throws SQLException {
        List<PGNotification> notifications = new ArrayList<>();
        PGConnection postgres = listening.unwrap(PGConnection.class);
        await().atMost(WAIT).until(() -> {
            PGNotification[] received = postgres.getNotifications(100);
            if (received != null) {
                for (PGNotification notification : received) {
                    notifications.add(notification);
                    if (notification.getParameter().contains(aggregate)) {
                        return true;
                    }
                }
            }
            return false;
        });
        return notifications;
    }

    private static void publishInUnitOfWork(EventStore events, TransactionManager transactions, String aggregate,
                                            boolean commit) {
        publishInUnitOfWork(events, transactions, commit, event(aggregate, 0));
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("LiveTest", aggregate, sequence, "not a journey event");
    }

    private static void publishInUnitOfWork(EventStore events, TransactionManager transactions, boolean commit,
                                            GenericDomainEventMessage<?>... messages) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        events.publish(messages);
        if (commit) {
            unitOfWork.commit();
        } else {
            unitOfWork.rollback();
        }
    }

    private static String start(String user) {
        Api.Response created = commandsOnA.post("/api/journeys", user, JourneyRequests.create("Across"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static ConfigurableApplicationContext start(String database, String role) {
        return ServiceInstances.start(database, "journey.events.safety-poll-interval=10m",
                "journey.live.heartbeat=200ms", role);
    }

    private static String base(ConfigurableApplicationContext context) {
        return ServiceInstances.baseUrl(context);
    }
}
