package io.musicaljourney.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One fresh PostgreSQL database per test JVM on the local server (127.0.0.1:5432, trust auth), so runs never see
 * each other's data and Spring's context cache can share one application across test classes. It is dropped
 * when the JVM exits.
 */
public final class TestDatabase {

    public static final String HOST = System.getProperty("test.postgres.host", "127.0.0.1");
    public static final String PORT = System.getProperty("test.postgres.port", "5432");
    public static final String USER = System.getProperty("test.postgres.user", "postgres");

    private static String url;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (url == null) {
            String name = "mj_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute("CREATE DATABASE " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name
                    + " WITH (FORCE)")));
            url = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
        }
        return url;
    }

    /** A second, independent database, for tests that need one of their own (e.g. several instances). */
    public static String createAnother(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name
                + " WITH (FORCE)")));
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
