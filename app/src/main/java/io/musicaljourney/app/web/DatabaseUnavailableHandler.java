package io.musicaljourney.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * The database out of reach (restarting, a cut network, a pool that cannot connect) is an outage to wait out, not a
 * bug: 503 with {@code Retry-After}, never the 500 that the catch-all of {@link ApiExceptionHandler} gives. It is
 * consulted before that handler, and Spring matches its handlers against every cause of an exception as well, so a
 * failure wrapped by Axon's command bus or event store still arrives here.
 *
 * <p>What the answer may promise depends on when the connection failed. Before the transaction began (no connection
 * could be had), nothing was written. Once it had begun, the connection may have died with the commit on its way:
 * PostgreSQL may have committed while the acknowledgement was lost (seen in {@code DependencyFailureIT}: two commands
 * refused that way were stored, each whole). Those answers say so, so that the client reads the journey before it
 * repeats the change (or repeats it with its {@code Idempotency-Key}) instead of being told nothing happened.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);
    static final String NOTHING_CHANGED = "The database is unavailable; nothing was changed, try again shortly";
    static final String OUTCOME_UNKNOWN = "The connection to the database was lost during the request; the change"
            + " may or may not have been stored: read the journey before trying again";
    static final String UNAVAILABLE = "The database is unavailable, try again shortly";
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";
    /** As {@link ApiExceptionHandler} words Axon's own concurrency failures. */
    static final String CONCURRENT_CHANGE = "The journey was changed at the same time; retry the request";

    /** No connection could be had: nothing was begun, so nothing was written. */
    @ExceptionHandler({CannotCreateTransactionException.class, SQLTransientConnectionException.class,
            ConnectException.class})
    ResponseEntity<Object> unreachable(Exception failure) {
        return unavailableAnswer(failure, NOTHING_CHANGED);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            SQLNonTransientConnectionException.class, SQLRecoverableException.class})
    ResponseEntity<Object> lost(Exception failure, HttpServletRequest request) {
        // Spring's "cannot get a connection" is one of these too; its cause tells that nothing was begun.
        return unavailableAnswer(failure, neverConnected(failure) ? NOTHING_CHANGED : lostMessage(request));
    }

    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Other SQL failures are only outages when PostgreSQL says so (SQL state class 08, or the server shutting down).
     * A unique violation is two instances writing the same version of one journey at once, caught before Axon's
     * duplicate-key check could see it (the audit's hash chain row is inserted first, in the statement Axon is
     * still building): the transaction rolled back, so it is the 409 of any concurrent change.
     */
    @ExceptionHandler(SQLException.class)
    ResponseEntity<Object> sqlFailure(SQLException failure, HttpServletRequest request) {
        if (isConnectionFailure(failure)) {
            return unavailableAnswer(failure, lostMessage(request));
        }
        if (isUniqueViolation(failure)) {
            return ApiExceptionHandler.problem(HttpStatus.CONFLICT, CONCURRENT_CHANGE, null);
        }
        log.error("Unexpected failure", failure);
        return ApiExceptionHandler.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error", null);
    }

    static boolean isUniqueViolation(SQLException failure) {
        for (SQLException current = failure; current != null; current = current.getNextException()) {
            if ("23505".equals(current.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionFailure(SQLException failure) {
        for (SQLException current = failure; current != null; current = current.getNextException()) {
            String state = current.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
            // Hikari closes a connection that failed that way under the transaction still using it, and the next
            // statement gets this, without a state (seen in DependencyFailureIT with PostgreSQL cut mid-command).
            if (state == null && HIKARI_CLOSED_CONNECTION.equals(current.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static String lostMessage(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) ? UNAVAILABLE : OUTCOME_UNKNOWN;
    }

    private static ResponseEntity<Object> unavailableAnswer(Exception failure, String message) {
        log.warn("Database unavailable, answering 503: {}", failure.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return ApiExceptionHandler.problem(HttpStatus.SERVICE_UNAVAILABLE, message, headers);
    }
}
