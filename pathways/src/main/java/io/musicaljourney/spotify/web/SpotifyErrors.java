package io.musicaljourney.spotify.web;

import io.musicaljourney.spotify.client.SpotifyApiException;
import io.musicaljourney.spotify.client.SpotifyBadResponseException;
import io.musicaljourney.spotify.client.SpotifyUnavailableException;
import io.musicaljourney.spotify.playlist.PlaylistRejectedException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the Spotify proxies answer when Spotify does not: problem+json with the frontend's top-level {@code error}
 * (as every route of the service), plus Spotify's own error body as {@code details} where there is one. Ordered
 * before the application's catch-all handler, and limited to this package.
 */
@RestControllerAdvice(basePackageClasses = SpotifyErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SpotifyErrors {

    /** Spotify refused (its status, its message), or a 5xx outlived the retries. */
    @ExceptionHandler(SpotifyApiException.class)
    ResponseEntity<ProblemDetail> refused(SpotifyApiException failure) {
        ProblemDetail problem = problem(failure.status(), failure.getMessage());
        problem.setProperty("details", failure.details());
        return respond(problem, new HttpHeaders());
    }

    @ExceptionHandler(SpotifyUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(SpotifyUnavailableException failure) {
        HttpHeaders headers = new HttpHeaders();
        // Whole seconds, rounded up: "0" would invite the client straight back.
        long seconds = Math.max(1, (failure.retryAfter().toMillis() + 999) / 1000);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage()), headers);
    }

    @ExceptionHandler(SpotifyBadResponseException.class)
    ResponseEntity<ProblemDetail> badResponse(SpotifyBadResponseException failure) {
        return respond(problem(HttpStatus.BAD_GATEWAY, failure.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(SpotifyRouteException.class)
    ResponseEntity<ProblemDetail> route(SpotifyRouteException failure) {
        return respond(problem(failure.status(), failure.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(PlaylistRejectedException.class)
    ResponseEntity<ProblemDetail> playlistRejected(PlaylistRejectedException rejection) {
        HttpStatus status = rejection.reason() == PlaylistRejectedException.Reason.JOURNEY_NOT_FOUND
                ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        return respond(problem(status, rejection.getMessage()), new HttpHeaders());
    }

    /**
     * Journeys are read through the query bus, which only the query role serves; an instance running the command
     * role alone cannot export a journey.
     */
    @ExceptionHandler(NoHandlerForQueryException.class)
    ResponseEntity<ProblemDetail> noJourneyReader(NoHandlerForQueryException missing) {
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE,
                "Journeys cannot be read on this instance; send trackUris instead"), new HttpHeaders());
    }

    static ProblemDetail problem(HttpStatusCode status, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setProperty("error", message);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, headers, problem.getStatus());
    }
}
