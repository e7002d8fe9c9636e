package io.musicaljourney.support;

import io.musicaljourney.app.MusicalJourneyApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real application on a random port against the local PostgreSQL (a database of this test run's own), in
 * local identity mode: the bearer token is the user id, so each test can act as fresh users of its own
 * ({@link #newUser()}) and never sees another test's journeys. Classes with the same configuration share one
 * application context (with a database of its own), with metrics exported as in production.
 * Redis is the local one (127.0.0.1:6379), reached through {@link RedisProxy} so a test can take it away, in a
 * database index of this JVM's own ({@link TestRedis}); {@link #ADMIN} may use the operators' routes.
 */
@SpringBootTest(classes = MusicalJourneyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"journey.auth.mode=local",
                // Projections must be woken by commits, never by polling: a slow tick makes a missed wake-up fail
                // the read-after-write checks instead of hiding behind a timer.
                "journey.events.safety-poll-interval=10m",
                // The test JVM keeps several application contexts alive at once, each with its own pool: pools that
                // grow on demand instead of opening all their connections keep the suite under PostgreSQL's
                // max_connections (100 by default).
                "spring.datasource.hikari.minimum-idle=1"})
@AutoConfigureObservability(tracing = false)
public abstract class IntegrationTest {

    /** The one user id listed in {@code journey.admin.user-ids}. */
    protected static final String ADMIN = "admin-" + java.util.UUID.randomUUID();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api;

    /** This context's database, for tests that reach it beside the service (another connection, another instance). */
    @Value("${spring.datasource.url}")
    protected String databaseUrl;

    /**
     * Called once for each application context the suite builds: each gets a database of its own. Contexts stay
     * cached and running, so on one database their projectors would share the event processor's segments like
     * several instances, and one context's tests could see another's processor take a segment over mid-test (a
     * poison event parked once by each in DeadLetterQueueTest).
     */
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.create("mj_test");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> RedisProxy.shared().port());
        registry.add("spring.data.redis.database", () -> TestRedis.DATABASE);
        // Tests that take Redis away wait for its return; a short retry interval keeps them short.
        registry.add("journey.cache.redis-retry-interval", () -> "500ms");
        registry.add("journey.admin.user-ids", () -> ADMIN);
    }

    @BeforeEach
    void connectClient() {
        api = new Api("http://127.0.0.1:" + port);
    }

    protected static String newUser() {
        return "user-" + java.util.UUID.randomUUID();
    }
}
