package io.musicaljourney.pathway.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Read path: the first tier (Redis, or the in-process stand-in), then the {@code journey_nodes_cache} table for
 * kinds the table holds (refilling the first tier for the row's remaining lifetime, at most the first tier's TTL),
 * then the loader (filling both). The whole path runs once per key at a time ({@link SingleFlight}), so
 * concurrent misses make one loader call.
 *
 * <p>Values travel as JSON text written by Spring's {@link ObjectMapper}, and every caller gets the value decoded
 * from that text, so a cached value is exactly what a later hit returns. Records (immutable here: their lists are
 * copies) are decoded once per text and shared: the last text of each of the most recently read keys is remembered
 * with its value, and a tier answering the same text again costs a string comparison instead of a decoding (on a
 * pathway answered from Redis, decoding was 6 % of the request threads' time, issue 5). Other types ({@code
 * JsonNode}, which callers may change) are decoded for each caller. A cached text that no longer decodes into the
 * asked type (the type changed between releases) is a miss.
 *
 * <p>Neither tier can fail a request: Redis failures are skipped by {@link RedisGuard}, table failures are logged
 * (at most once per minute) and treated as misses. The loader's exceptions propagate and nothing is cached.
 */
public class TwoLevelExplorationCache implements ExplorationCache {

    private static final Logger log = LoggerFactory.getLogger(TwoLevelExplorationCache.class);
    /** Keys whose last decoded text is remembered: a few megabytes of pathways and narratives at most. */
    static final int DECODED_KEYS = 500;

    private final FirstTier first;
    private final NodesCacheTable table;
    private final ObjectMapper json;
    private final Clock clock;
    private final SingleFlight<Found> flights = new SingleFlight<>();
    private final ThrottledLog tableFailures = new ThrottledLog(log, Duration.ofMinutes(1));
    private final Cache<String, Decoded> decoded = Caffeine.newBuilder().maximumSize(DECODED_KEYS).build();

    public TwoLevelExplorationCache(FirstTier first, NodesCacheTable table, ObjectMapper json, Clock clock) {
        this.first = first;
        this.table = table;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public <T> T getOrLoad(CacheEntry entry, Class<T> type, Supplier<T> loader) {
        Found found = flights.run(entry.key(), () -> lookup(entry, type, loader));
        if (found == null) {
            return null;
        }
        // The caller that looked the key up already decoded the text once (to check it); callers that waited on its
        // flight share that value when it is a record and decode their own copy otherwise.
        boolean mine = found.decodedBy() == Thread.currentThread() || type.isRecord();
        if (mine && type.isInstance(found.value())) {
            return type.cast(found.value());
        }
        return decode(entry.key(), found.text(), type)
                .orElseThrow(() -> new IllegalStateException("Cached " + entry.key() + " is not a " + type.getName()));
    }

    @Override
    public void evict(String key) {
        // The table first: otherwise a read between the two deletions could refill the first tier from the table.
        try {
            table.delete(key);
        } catch (DataAccessException failure) {
            throw new CacheUnavailableException("Could not delete " + key + " from journey_nodes_cache", failure);
        }
        first.evict(key);
        decoded.invalidate(key);
    }

    private Found lookup(CacheEntry entry, Class<?> type, Supplier<?> loader) {
        String key = entry.key();
        Optional<String> cached = first.get(key);
        if (cached.isPresent()) {
            Optional<?> value = decodes(key, cached.get(), type);
            if (value.isPresent()) {
                return new Found(cached.get(), value.get(), Thread.currentThread());
            }
        }
        Instant now = clock.instant();
        if (entry.tableTtl() != null) {
            Optional<NodesCacheTable.Row> row = findInTable(key, now);
            Optional<?> value = row.flatMap(r -> decodes(key, r.json(), type));
            if (value.isPresent()) {
                first.put(key, row.get().json(), refillTtl(entry.redisTtl(), row.get().expiresAt(), now));
                return new Found(row.get().json(), value.get(), Thread.currentThread());
            }
        }
        Object loaded = loader.get();
        if (loaded == null) {
            return null;
        }
        String text = encode(loaded);
        first.put(key, text, entry.redisTtl());
        if (entry.tableTtl() != null) {
            saveInTable(key, text, now, now.plus(entry.tableTtl()));
        }
        // The loader's own object is not handed out: every caller gets the value as a later hit would decode it.
        return new Found(text, null, null);
    }

    /** The row's remaining lifetime or the first tier's own TTL, whichever is shorter. */
    static Duration refillTtl(Duration firstTierTtl, Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return firstTierTtl;
        }
        Duration remaining = Duration.between(now, expiresAt);
        return remaining.compareTo(firstTierTtl) < 0 ? remaining : firstTierTtl;
    }

    private Optional<NodesCacheTable.Row> findInTable(String key, Instant now) {
        try {
            return table.find(key, now);
        } catch (DataAccessException failure) {
            tableFailures.warn("journey_nodes_cache unreadable, loading " + key + " instead", failure);
            return Optional.empty();
        }
    }

    private void saveInTable(String key, String text, Instant cachedAt, Instant expiresAt) {
        try {
            table.save(key, text, cachedAt, expiresAt);
        } catch (DataAccessException failure) {
            tableFailures.warn("journey_nodes_cache unwritable, " + key + " not kept there", failure);
        }
    }

    private String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException("Cannot write " + value.getClass().getName() + " as JSON", failure);
        }
    }

    private Optional<?> decodes(String key, String text, Class<?> type) {
        Optional<?> value = decode(key, text, type);
        if (value.isEmpty()) {
            log.warn("Cached {} does not read as {}; loading it again", key, type.getName());
        }
        return value;
    }

    /**
     * A cached text, and its value if the thread named decoded it while looking (only that thread may use it, unless
     * it is a record).
     */
    private record Found(String text, Object value, Thread decodedBy) {
    }

    /** The last text of a key and the record it decoded into. */
    private record Decoded(String text, Object value) {
    }

    /** A record comes from the last decoding of the same text when there is one; anything else is decoded anew. */
    private <T> Optional<T> decode(String key, String text, Class<T> type) {
        if (!type.isRecord()) {
            return decode(text, type);
        }
        Decoded last = decoded.getIfPresent(key);
        if (last != null && type.isInstance(last.value()) && last.text().equals(text)) {
            return Optional.of(type.cast(last.value()));
        }
        Optional<T> value = decode(text, type);
        value.ifPresent(v -> decoded.put(key, new Decoded(text, v)));
        return value;
    }

    private <T> Optional<T> decode(String text, Class<T> type) {
        try {
            return Optional.ofNullable(json.readValue(text, type));
        } catch (JsonProcessingException failure) {
            return Optional.empty();
        }
    }
}
