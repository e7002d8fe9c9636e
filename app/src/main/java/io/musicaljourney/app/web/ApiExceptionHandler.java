package io.musicaljourney.app.web;

import io.musicaljourney.app.identity.AuthenticationFailedException;
import io.musicaljourney.app.web.limits.RequestLimitsProperties;
import io.musicaljourney.app.web.limits.UnreadableBody;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.JourneyRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Optional;

/**
 * Every error is an {@code application/problem+json} body that also carries the frontend's top-level string
 * {@code error}, which its UI shows to the user. Messages never reveal whether somebody else's journey exists.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    static final String NOT_FOUND = "Not found";

    private final RequestLimitsProperties requestLimits;

    public ApiExceptionHandler(RequestLimitsProperties requestLimits) {
        this.requestLimits = requestLimits;
    }

    @ExceptionHandler(AuthenticationFailedException.class)
    ResponseEntity<Object> authenticationFailed(AuthenticationFailedException failure) {
        HttpHeaders headers = new HttpHeaders();
        if (failure.status().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            headers.set(HttpHeaders.RETRY_AFTER, "5");
        }
        return problem(failure.status(), failure.getMessage(), headers);
    }

    @ExceptionHandler(JourneyRejectedException.class)
    ResponseEntity<Object> rejected(JourneyRejectedException rejection) {
        return problem(statusOf(rejection.reason()),
                rejection.reason() == JourneyRejection.NOT_FOUND ? NOT_FOUND : rejection.getMessage(), null);
    }

    /** A distributed command bus carries the rejection reason as the exception's details. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException failure) {
        Optional<JourneyRejectedException> rejection = cause(failure, JourneyRejectedException.class);
        if (rejection.isPresent()) {
            return rejected(rejection.get());
        }
        Optional<Object> details = failure.getDetails();
        if (details.isPresent() && details.get() instanceof JourneyRejection reason) {
            return problem(statusOf(reason), reason == JourneyRejection.NOT_FOUND ? NOT_FOUND : failure.getMessage(),
                    null);
        }
        return unexpected(failure);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException notFound) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, null);
    }

    /** Two commands raced for the same journey version; the loser appended nothing and may simply retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrentChange(ConcurrencyException conflict) {
        return problem(HttpStatus.CONFLICT, "The journey was changed at the same time; retry the request", null);
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Object> status(ResponseStatusException failure) {
        String reason = failure.getReason() == null ? failure.getStatusCode().toString() : failure.getReason();
        return problem(failure.getStatusCode(), reason, failure.getHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception failure) {
        log.error("Unexpected failure", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        UnreadableBody unreadable = UnreadableBody.of(ex, requestLimits);
        return problem(unreadable.status(), unreadable.message(), headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, headers);
    }

    /** Spring's own exceptions (415, 406, missing parameters...) keep their status and gain the {@code error}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        String message = body instanceof ProblemDetail detail && detail.getDetail() != null
                ? detail.getDetail() : HttpStatus.valueOf(status.value()).getReasonPhrase();
        return problem(status, message, headers);
    }

    static ResponseEntity<Object> problem(HttpStatusCode status, String message, HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setProperty("error", message);
        HttpHeaders responseHeaders = new HttpHeaders();
        if (headers != null) {
            responseHeaders.putAll(headers);
        }
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, responseHeaders, status);
    }

    private static HttpStatus statusOf(JourneyRejection reason) {
        return switch (reason) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case STATE_CONFLICT -> HttpStatus.CONFLICT;
            case VERSION_CONFLICT -> HttpStatus.PRECONDITION_FAILED;
            case LIMIT_REACHED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return Optional.empty();
    }
}
