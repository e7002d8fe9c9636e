package io.musicaljourney.app.eventstore;

import io.musicaljourney.support.ServiceInstances;
import io.musicaljourney.support.TestDatabase;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When an instance tells its commits: not while it is alone, again as soon as another instance listens, and at most
 * once per gap, with the commits since the last notice together. The other instance is played by connections of the
 * test's own, named and behaving like an instance's listener; the instance under test is the real application on its
 * own database.
 */
class CommitNoticeSendingTest {

    private static final Duration GAP = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String database;
    /** A database with no instance on it, for looks at the sessions of connections the test names itself. */
    private static String lonely;
    private static ConfigurableApplicationContext instance;
    private static ListeningPeers peers;

    @BeforeAll
    static void startOneInstance() {
        database = TestDatabase.create("mj_peers");
        lonely = TestDatabase.create("mj_peers_lonely");
        instance = ServiceInstances.start(database, "journey.events.notifications.listeners-check-interval=100ms",
                "journey.events.notifications.min-gap=" + GAP.toMillis() + "ms", "journey.roles.query=false");
        peers = instance.getBean(ListeningPeers.class);
        await().atMost(WAIT).until(() -> instance.getBean(EventNotificationListener.class).connected());
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void aLoneInstanceSendsNoNoticeUntilAnotherInstanceSaysItListens() throws Exception {
        await().atMost(WAIT).until(() -> !peers.present());
        try (Connection joining = connection("not an instance yet")) {
            listen(joining);
            String whileAlone = commitAnEvent();

            try (Statement named = joining.createStatement()) {
                named.execute("SET application_name = '" + ListeningPeers.LISTENER_NAME + "'");
            }
            ListeningPeers.hello("joining").sendOver(joining);
            await().atMost(WAIT).until(peers::present);
            String afterHello = commitAnEvent();

            List<String> told = payloadsUntilOneNames(joining, afterHello);
            assertThat(told).noneMatch(payload -> payload.contains(whileAlone));
        }
    }

    @Test
    void noticesStopOnceTheLastOtherListenerHasLeft() throws Exception {
        try (Connection other = anotherInstanceListening()) {
            String whileListened = commitAnEvent();
            assertThat(payloadsUntilOneNames(other, whileListened)).isNotEmpty();
        }
        await().atMost(WAIT).until(() -> !peers.present());
    }

    @Test
    void commitsWithinTheGapAfterANoticeAreToldTogetherInTheNext() throws Exception {
        try (Connection other = anotherInstanceListening()) {
            String first = commitAnEvent();
            payloadsUntilOneNames(other, first);

            String second = commitAnEvent();
            String third = commitAnEvent();

            List<String> told = payloadsUntilOneNames(other, second);
            assertThat(told.get(told.size() - 1)).contains(second, third);
        }
    }

    @Test
    void aNoticeFromASessionThatIsNoInstancesListenerIsOverruledByTheNextLook() throws Exception {
        ListeningPeers alone = new ListeningPeers();
        try (Connection own = DriverManager.getConnection(lonely, properties(ListeningPeers.LISTENER_NAME));
             Connection looking = DriverManager.getConnection(lonely, properties("looking"))) {
            alone.listening(own.unwrap(PGConnection.class).getBackendPID());
            alone.look(looking);
            alone.heardAnother();
            assertThat(alone.present()).isTrue();

            alone.look(looking);

            assertThat(alone.present()).isFalse();
        }
    }

    @Test
    void withoutSeeingItsOwnListenerAmongTheSessionsAnInstanceGoesOnSending() throws Exception {
        ListeningPeers unsure = new ListeningPeers();
        try (Connection own = DriverManager.getConnection(lonely, properties("a pool of another kind"));
             Connection looking = DriverManager.getConnection(lonely, properties("looking"))) {
            unsure.listening(own.unwrap(PGConnection.class).getBackendPID());

            unsure.look(looking);

            assertThat(unsure.present()).isTrue();
        }
    }

    @Test
    void anInstanceWhoseListenerIsTheOnlyOneSeesNoPeers() throws Exception {
        ListeningPeers alone = new ListeningPeers();
        try (Connection own = DriverManager.getConnection(lonely, properties(ListeningPeers.LISTENER_NAME));
             Connection looking = DriverManager.getConnection(lonely, properties("looking"))) {
            alone.listening(own.unwrap(PGConnection.class).getBackendPID());

            alone.look(looking);

            assertThat(alone.present()).isFalse();
        }
    }

    /** A session named and announced like another instance's listener, once the instance under test heard it. */
    private static Connection anotherInstanceListening() throws SQLException {
        Connection other = connection(ListeningPeers.LISTENER_NAME);
        listen(other);
        ListeningPeers.hello("other").sendOver(other);
        await().atMost(WAIT).until(peers::present);
        return other;
    }

    private static String commitAnEvent() {
        String aggregate = "peers-" + UUID.randomUUID();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(instance.getBean(TransactionManager.class));
        instance.getBean(EventStore.class).publish(
                new GenericDomainEventMessage<>("PeersTest", aggregate, 0, "not a journey event"));
        unitOfWork.commit();
        return aggregate;
    }

    private static Connection connection(String applicationName) throws SQLException {
        return DriverManager.getConnection(database, properties(applicationName));
    }

    private static Properties properties(String applicationName) {
        Properties properties = new Properties();
        properties.setProperty("user", TestDatabase.USER);
        properties.setProperty("ApplicationName", applicationName);
        return properties;
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + EventNotification.CHANNEL);
        }
    }

    /** Every payload received, up to the first that names this aggregate. */
    private static List<String> payloadsUntilOneNames(Connection listening, String aggregate) {
        List<String> payloads = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            PGNotification[] received = listening.unwrap(PGConnection.class).getNotifications(100);
            if (received != null) {
                for (PGNotification notification : received) {
                    payloads.add(notification.getParameter());
                    if (notification.getParameter().contains(aggregate)) {
                        return true;
                    }
                }
            }
            return false;
        });
        return payloads;
    }
}
