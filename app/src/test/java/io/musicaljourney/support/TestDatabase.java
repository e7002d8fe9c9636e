package io.musicaljourney.support;

import org.springframework.boot.SpringApplication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh PostgreSQL databases on the local server (127.0.0.1:5432, trust auth), so runs never see each other's data:
 * one for each application context the suite builds ({@link IntegrationTest}), and one for each test that starts
 * instances of its own. Each is dropped when the JVM exits, after the application contexts have closed.
 */
public final class TestDatabase {

    public static final String HOST = System.getProperty("test.postgres.host", "127.0.0.1");
    public static final String PORT = System.getProperty("test.postgres.port", "5432");
    public static final String USER = System.getProperty("test.postgres.user", "postgres");

    private TestDatabase() {
    }

    /** A new database, dropped when the JVM exits: one per application context, or per test that needs its own. */
    public static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        // Spring Boot runs its shutdown handlers after it has closed the application contexts. A JVM shutdown hook of
        // its own ran beside that closing and dropped a database under a context still stopping its processor, which
        // then retried its connections until Surefire killed the JVM (30 s after it asked to exit).
        SpringApplication.getShutdownHandlers().add(() -> {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (IllegalStateException failure) {
                System.err.println(failure.getMessage());
            }
        });
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
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
