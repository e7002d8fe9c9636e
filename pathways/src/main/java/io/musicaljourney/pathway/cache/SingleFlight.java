package io.musicaljourney.pathway.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Concurrent calls for one key share one execution: the first caller runs it in its own thread, the others wait
 * for its result or its exception. Nothing is remembered afterwards: the next call runs again (the cache tiers
 * remember results; failures are not cached).
 */
public final class SingleFlight<V> {

    private final ConcurrentMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    public V run(String key, Supplier<V> work) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            V result = work.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** How many keys are being worked on right now. */
    public int inFlight() {
        return inFlight.size();
    }

    private static <V> V await(CompletableFuture<V> running) {
        try {
            return running.join();
        } catch (CompletionException wrapped) {
            // The leader's own exception, so every caller sees the same failure it would have seen alone.
            Throwable cause = wrapped.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw wrapped;
        }
    }
}
