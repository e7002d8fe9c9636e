package io.musicaljourney.pathway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The contract's 429, with the window's state in headers so a client knows when to come back. */
class RateLimitExceededException extends ResponseStatusException {

    private final HttpHeaders headers;

    RateLimitExceededException(HttpHeaders headers) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded");
        this.headers = headers;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
