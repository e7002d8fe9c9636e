package io.musicaljourney.app.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;

/**
 * Two instances appending the same sequence number of one journey is a concurrent change, which the API answers
 * 409. Axon's JDBC engine only recognises it through its {@code PersistenceExceptionResolver}, and the default one
 * (Axon's {@code JdbcSQLErrorCodesResolver}) looks for {@code SQLIntegrityConstraintViolationException}, which the
 * PostgreSQL driver never throws: the race became an {@code EventStoreException} and a 500 (seen in
 * {@code MultiInstanceIT}). PostgreSQL says it with the SQL state of a unique violation instead.
 */
@Configuration(proxyBeanMethods = false)
public class DuplicateAppendConfiguration {

    /** PostgreSQL's {@code unique_violation}. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return DuplicateAppendConfiguration::isUniqueViolation;
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
