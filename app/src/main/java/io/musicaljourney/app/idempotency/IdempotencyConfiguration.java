package io.musicaljourney.app.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.app.identity.IdentityResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Idempotency keys wherever the journey command routes run ({@code journey.roles.command}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(IdempotencyProperties.class)
@EnableScheduling
public class IdempotencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    @Bean
    IdempotencyKeyStore idempotencyKeyStore(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        return new IdempotencyKeyStore(jdbc, json, properties);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeyStore keys,
                                                                IdentityResolver identities, ObjectMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(keys, identities, json));
        // After the body filter (HIGHEST_PRECEDENCE + 10), which buffers the body this one fingerprints.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    IdempotencyOpenApi idempotencyOpenApi() {
        return new IdempotencyOpenApi();
    }

    @Bean
    ExpiredKeysCleanup expiredIdempotencyKeysCleanup(IdempotencyKeyStore keys) {
        return new ExpiredKeysCleanup(keys);
    }

    /** Safe on every instance at once: each deletes whatever has expired. */
    static class ExpiredKeysCleanup {

        private final IdempotencyKeyStore keys;

        ExpiredKeysCleanup(IdempotencyKeyStore keys) {
            this.keys = keys;
        }

        @Scheduled(initialDelayString = "${journey.idempotency.cleanup-interval:10m}",
                fixedDelayString = "${journey.idempotency.cleanup-interval:10m}")
        void deleteExpired() {
            try {
                int deleted = keys.deleteExpired();
                if (deleted > 0) {
                    log.info("Deleted {} expired idempotency keys", deleted);
                }
            } catch (RuntimeException failure) {
                log.warn("Expired idempotency keys not deleted: {}", failure.toString());
            }
        }
    }
}
