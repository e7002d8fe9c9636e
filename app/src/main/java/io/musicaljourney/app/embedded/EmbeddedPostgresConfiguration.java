package io.musicaljourney.app.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The embedded default's database: a real PostgreSQL started from the zonky binaries, whose data directory
 * survives restarts, so a second start still has yesterday's journeys.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${journey.embedded.data-dir}") Path dataDir,
                                      @Value("${journey.embedded.port}") int port) throws IOException {
        Path directory = dataDir.toAbsolutePath();
        // Usually started already, beside the building of this context (EarlyEmbeddedPostgres).
        EmbeddedPostgres postgres = EarlyEmbeddedPostgres.take(directory, port);
        log.info("Embedded PostgreSQL on port {} with its data in {}", postgres.getPort(), directory);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setPoolName("embedded");
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }
}
