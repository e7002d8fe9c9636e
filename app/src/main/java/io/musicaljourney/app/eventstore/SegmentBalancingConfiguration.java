package io.musicaljourney.app.eventstore;

import io.musicaljourney.query.journey.projection.JourneyProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
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
 * {@link JourneysProcessorConfiguration} hands {@link ProjectorPresence#maxSegments} to the processor; the
 * {@link SegmentSizer} keeps the number of segments at the number of instances.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class SegmentBalancingConfiguration {

    @Bean(destroyMethod = "close")
    ProjectorPresence projectorPresence(DataSource dataSource,
                                        @Value("${journey.projection.balance-segments:true}") boolean enabled) {
        return new ProjectorPresence(dataSource, enabled);
    }

    @Bean
    @ConditionalOnProperty(name = "journey.projection.segments.follow-instances", havingValue = "true",
            matchIfMissing = true)
    SegmentSizer journeysSegmentSizer(ProjectorPresence presence,
                                      ObjectProvider<EventProcessingConfiguration> processing, JdbcTemplate jdbc,
                                      @Value("${journey.projection.segments.resize-interval}") Duration interval) {
        return new SegmentSizer(JourneyProjector.PROCESSING_GROUP, presence,
                SingletonSupplier.of(processing::getIfAvailable), () -> RebuildLock.heldAnywhere(jdbc), interval);
    }

    /** This instance's presence among the projecting instances, and its fair share of a processor's segments. */
    static final class ProjectorPresence implements AutoCloseable {

        private static final Logger log = LoggerFactory.getLogger(ProjectorPresence.class);
        static final String PREFIX = "mj-projector ";
        /** PostgreSQL keeps at most 63 bytes of an application name. */
        private static final int NAME_LIMIT = 63;
        /** The coordinator asks on every round; the answer may be this old. */
        private static final long REFRESH_NANOS = 1_000_000_000L;
        private static final String INSTANCES = """
                SELECT DISTINCT application_name FROM pg_stat_activity
                WHERE datname = current_database() AND application_name LIKE 'mj-projector %'""";
        /** Each segment with its claim's owner, named as that owner's presence session is (null when unclaimed). */
        private static final String OWNERS =
                "SELECT segment, left(? || owner, 63) FROM token_entry WHERE processor_name = ?";

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

        /**
         * The projecting instances alive now and who holds which of {@code processor}'s segments, read afresh; empty
         * when balancing is off or the database cannot be asked.
         */
        synchronized Optional<Census> census(String processor) {
            if (!enabled) {
                return Optional.empty();
            }
            try {
                Connection open = connection();
                if (open == null) {
                    return Optional.empty();
                }
                Set<String> instances = new HashSet<>();
                try (PreparedStatement statement = open.prepareStatement(INSTANCES);
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        instances.add(rows.getString(1));
                    }
                }
                instances.add(name);
                Map<Integer, String> owners = new HashMap<>();
                try (PreparedStatement statement = open.prepareStatement(OWNERS)) {
                    statement.setString(1, PREFIX);
                    statement.setString(2, processor);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            owners.put(rows.getInt(1), rows.getString(2));
                        }
                    }
                }
                return Optional.of(new Census(instances, owners));
            } catch (SQLException failure) {
                log.debug("Cannot look at the other projecting instances", failure);
                closeQuietly();
                return Optional.empty();
            }
        }

        private Share compute(String processor, Share last) {
            int fallback = last == null ? Short.MAX_VALUE : last.max;
            return new Share(census(processor).map(census -> census.share(name)).orElse(fallback), System.nanoTime());
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
            Optional<EventNotificationListener.ConnectionFactory> connections =
                    DedicatedConnections.of(dataSource, name);
            return connections.isPresent() ? connections.get().open() : null;
        }

        private void closeQuietly() {
            DedicatedConnections.closeQuietly(connection);
            connection = null;
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

        /**
         * @param alive  the presence names of the projecting instances alive, this one included
         * @param owners each segment of the processor and the presence name of its claim's owner (null: unclaimed)
         */
        record Census(Set<String> alive, Map<Integer, String> owners) {

            int instances() {
                return alive.size();
            }

            int segments() {
                return owners.size();
            }

            /** The share of the instance named {@code self}. */
            int share(String self) {
                Map<String, Integer> held = new HashMap<>();
                alive.forEach(instance -> held.put(instance, 0));
                owners.values().stream().filter(held::containsKey).forEach(owner -> held.merge(owner, 1, Integer::sum));
                return ProjectorPresence.share(segments(), held, self);
            }
        }
    }
}
