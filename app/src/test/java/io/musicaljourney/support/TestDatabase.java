package io.musicaljourney.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fresh PostgreSQL databases on the local server (127.0.0.1:5432, trust auth), so runs never see each other's data:
 * one for each application context the suite builds ({@link IntegrationTest}), and one for each test that starts
 * instances of its own. Each is dropped when the JVM exits, after the application contexts have closed.
 */
public final class TestDatabase {

    public static final String HOST = System.getProperty("test.postgres.host", "127.0.0.1");
    public static final String PORT = System.getProperty("test.postgres.port", "5432");
    public static final String USER = System.getProperty("test.postgres.user", "postgres");

    /** The databases this JVM created, dropped as it exits. */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    /** The thread in which Spring Boot closes the application contexts of this JVM as it exits. */
    private static final String SPRING_SHUTDOWN_HOOK = "SpringApplicationShutdownHook";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "test-database-drop"));
    }

    private TestDatabase() {
    }

    /** A new database, dropped when the JVM exits: one per application context, or per test that needs its own. */
    public static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        CREATED.add(name);
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    /**
     * The JVM runs its shutdown hooks side by side: a database dropped while Spring Boot's hook was still closing a
     * context under it left that context's processor retrying its connections until Surefire killed the JVM (30 s
     * after it asked to exit). So this waits for Spring Boot's hook first, where there is one (not in a JVM that only
     * starts services as processes).
     */
    private static void dropAll() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(SPRING_SHUTDOWN_HOOK) && thread != Thread.currentThread()) {
                try {
                    thread.join(20_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (String name : CREATED) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (IllegalStateException failure) {
                System.err.println(failure.getMessage());
            }
        }
    }

    private static void execute(String sql) {
        String admin = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("Cannot run '" + sql + "' on " + admin
                    + " (is PostgreSQL running? .ci/run starts it)", failure);
        }
    }
}
