package io.musicaljourney.app.eventstore;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Physical connections kept outside the pool, with the pool's URL, credentials and driver properties, for the
 * long-lived sessions of this package (the {@code LISTEN} connection, the notice sender, the projector presence):
 * the pool recycles its connections at will, and a session that others see by its {@code application_name} must
 * live exactly as long as its owner keeps it.
 */
final class DedicatedConnections {

    private DedicatedConnections() {
    }

    /** Connections named {@code applicationName}; empty when the data source is not a configured Hikari pool. */
    static Optional<EventNotificationListener.ConnectionFactory> of(DataSource dataSource, String applicationName) {
        if (!(dataSource instanceof HikariDataSource hikari) || hikari.getJdbcUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            Properties properties = new Properties();
            properties.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", applicationName);
            properties.setProperty("tcpKeepAlive", "true");
            Connection connection = DriverManager.getConnection(hikari.getJdbcUrl(), properties);
            connection.setAutoCommit(true);
            return connection;
        });
    }

    /** Closes a connection that is being given up or replaced; a failure to close changes nothing for the caller. */
    static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // It is being given up.
            }
        }
    }
}
