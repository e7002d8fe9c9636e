package io.musicaljourney.app.aggregate;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's {@link Cache} on a size-bounded Caffeine map: the least recently used aggregates go first, so memory stays
 * bounded however many journeys are touched (Axon's WeakReferenceCache would be emptied by any collection, its
 * unbounded map by nothing). The values are softly held as well: a journey may hold megabytes (thousands of nodes,
 * a large drawing), and under memory pressure the collector drops cached journeys, which are then read from the
 * store again, rather than the service running out of heap.
 */
public class BoundedCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    public BoundedCache(long maximumEntries) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumEntries).softValues().build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** Nothing here listens to entries; Axon's repositories do not either. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }
}
