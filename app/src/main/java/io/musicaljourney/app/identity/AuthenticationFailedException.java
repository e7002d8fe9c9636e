package io.musicaljourney.app.identity;

import org.springframework.http.HttpStatusCode;

/** The request's identity could not be established; answered with the given status and message. */
public class AuthenticationFailedException extends RuntimeException {

    private final HttpStatusCode status;

    public AuthenticationFailedException(HttpStatusCode status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public HttpStatusCode status() {
        return status;
    }
}
