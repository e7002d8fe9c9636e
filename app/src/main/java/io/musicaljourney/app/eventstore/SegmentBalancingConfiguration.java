package io.musicaljourney.app.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Spreads the {@code journeys} processor's segments over the instances that run it. Axon's pooled processor claims
 * every free segment it may (its default maximum is {@code Short.MAX_VALUE}), so the first instance to start kept
 * all of them and the others only stood by (seen in {@code MultiInstanceIT}). Here each projecting instance keeps one
 * connection of its own whose {@code application_name} carries its token-owner name; PostgreSQL drops that session
 * the moment the process dies, so the instances alive are the sessions so named. From them and the token rows each
 * instance works out its share: at most ceil(segments / instances), and only floor(segments / instances) while
 * another instance holds fewer than that, so an instance that joins late is given segments instead of waiting for
 * one to become free. A dead instance's segments are taken over once its claims time out, as before.
 * {@link JourneysProcessorConfiguration} hands {@link ProjectorPresence#maxSegments} to the processor.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class SegmentBalancingConfiguration {

    @Bean(destroyMethod = "close")
    ProjectorPresence projectorPresence(DataSource dataSource,
                                        @Value("${journey.projection.balance-segments:true}") boolean enabled) {
        return new ProjectorPresence(dataSource, enabled);
    }

    /** This instance's presence among the projecting instances, and its fair share of a processor's segments. */
    static final class ProjectorPresence implements AutoCloseable {

        private static final Logger log = LoggerFactory.getLogger(ProjectorPresence.class);
        static final String PREFIX = "mj-projector ";
        /** PostgreSQL keeps at most 63 bytes of an application name. */
        private static final int NAME_LIMIT = 63;
        /** The coordinator asks on every round; the answer may be this old. */
        private static final long REFRESH_NANOS = 1_000_000_000L;
        private static final String SHARES = """
                SELECT a.application_name, count(t.segment)
                FROM (SELECT DISTINCT application_name FROM pg_stat_activity
                      WHERE datname = current_database() AND application_name LIKE 'mj-projector %') a
                LEFT JOIN token_entry t ON t.processor_name = ? AND left(? || t.owner, 63) = a.application_name
                GROUP BY a.application_name""";
        private static final String SEGMENTS = "SELECT count(*) FROM token_entry WHERE processor_name = ?";

        private final DataSource dataSource;
        private final boolean enabled;
        /** Axon's JDBC token store names a claim's owner after the JVM, as this does. */
        private final String name = truncate(PREFIX + ManagementFactory.getRuntimeMXBean().getName());
        private final Map<String, Share> shares = new HashMap<>();
        private Connection connection;

        ProjectorPresence(DataSource dataSource, boolean enabled) {
            this.dataSource = dataSource;
            this.enabled = enabled;
            if (enabled) {
                synchronized (this) {
                    connection();
                }
            }
        }

        /** The most segments of {@code processor} this instance should hold now. */
        synchronized int maxSegments(String processor) {
            if (!enabled) {
                return Short.MAX_VALUE;
            }
            Share share = shares.get(processor);
            if (share == null || System.nanoTime() - share.at > REFRESH_NANOS) {
                share = compute(processor, share);
                shares.put(processor, share);
            }
            return share.max;
        }

        private Share compute(String processor, Share last) {
            int fallback = last == null ? Short.MAX_VALUE : last.max;
            try {
                Connection open = connection();
                if (open == null) {
                    return new Share(fallback, System.nanoTime());
                }
                int segments;
                try (PreparedStatement statement = open.prepareStatement(SEGMENTS)) {
                    statement.setString(1, processor);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        segments = rows.getInt(1);
                    }
                }
                Map<String, Integer> held = new HashMap<>();
                try (PreparedStatement statement = open.prepareStatement(SHARES)) {
                    statement.setString(1, processor);
                    statement.setString(2, PREFIX);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            held.put(rows.getString(1), rows.getInt(2));
                        }
                    }
                }
                held.putIfAbsent(name, 0);
                return new Share(share(segments, held, name), System.nanoTime());
            } catch (SQLException failure) {
                log.debug("Cannot look at the other projecting instances; keeping a share of {}", fallback, failure);
                closeQuietly();
                return new Share(fallback, System.nanoTime());
            }
        }

        /**
         * @param held how many segments each projecting instance holds now, this one ({@code self}) included
         */
        static int share(int segments, Map<String, Integer> held, String self) {
            if (segments == 0) {
                // No tokens yet: the first claim creates them, and the share is corrected on the next round.
                return Short.MAX_VALUE;
            }
            int instances = held.size();
            int floor = segments / instances;
            int ceiling = (segments + instances - 1) / instances;
            Set<String> starving = new HashSet<>();
            held.forEach((instance, count) -> {
                if (count < floor && !instance.equals(self)) {
                    starving.add(instance);
                }
            });
            return starving.isEmpty() ? ceiling : Math.max(floor, 1);
        }

        private Connection connection() {
            try {
                if (connection != null && !connection.isClosed()) {
                    return connection;
                }
                connection = open();
                return connection;
            } catch (SQLException failure) {
                log.debug("Cannot open the projector presence connection", failure);
                connection = null;
                return null;
            }
        }

        /** A physical connection of its own, never a pooled one: the pool recycles connections at will. */
        private Connection open() throws SQLException {
            if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
                Properties properties = new Properties();
                properties.putAll(hikari.getDataSourceProperties());
                if (hikari.getUsername() != null) {
                    properties.setProperty("user", hikari.getUsername());
                }
                if (hikari.getPassword() != null) {
                    properties.setProperty("password", hikari.getPassword());
                }
                properties.setProperty("ApplicationName", name);
                properties.setProperty("tcpKeepAlive", "true");
                Connection opened = DriverManager.getConnection(hikari.getJdbcUrl(), properties);
                opened.setAutoCommit(true);
                return opened;
            }
            return null;
        }

        private void closeQuietly() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // It is being replaced.
                }
                connection = null;
            }
        }

        @Override
        public synchronized void close() {
            closeQuietly();
        }

        private static String truncate(String text) {
            return text.length() <= NAME_LIMIT ? text : text.substring(0, NAME_LIMIT);
        }

        private record Share(int max, long at) {
        }
    }
}
