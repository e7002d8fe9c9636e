package io.musicaljourney.pathway.model;

/** An answer that breaks the schema the frontend relies on; it is asked for once more, and never cached. */
public class InvalidModelOutputException extends RuntimeException {

    public InvalidModelOutputException(String problem) {
        super(problem);
    }

    public InvalidModelOutputException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
