package io.musicaljourney.pathway.cache;

/** A tier could not be changed (Redis unreachable during an eviction); the old value may still be served. */
public class CacheUnavailableException extends RuntimeException {

    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
