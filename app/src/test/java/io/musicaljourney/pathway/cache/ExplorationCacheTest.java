package io.musicaljourney.pathway.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The exploration cache of the running application against the real Redis and PostgreSQL. */
class ExplorationCacheTest extends IntegrationTest {

    record Pathways(String node, List<String> next) {
    }

    @Autowired
    ExplorationCache cache;
    @Autowired
    FirstTier firstTier;
    @Autowired
    NodesCacheTable table;
    @Autowired
    ObjectMapper json;

    private final RedisCommands<String, String> redis = TestRedis.commands();

    @Test
    void aPathwayIsKeptInRedisForAnHourAndInTheTableForADayUnderTheDesignDocumentsKey() throws Exception {
        String nodeId = unique("radiohead");
        Pathways loaded = new Pathways(nodeId, List.of("david-bowie", "pink-floyd"));

        Pathways answer = cache.getOrLoad(CacheEntry.pathway(NodeType.ARTIST, nodeId), Pathways.class, () -> loaded);

        String key = "pathway:artist:" + nodeId;
        assertThat(answer).isEqualTo(loaded);
        assertThat(json.readValue(redis.get(key), Pathways.class)).isEqualTo(loaded);
        assertThat(redis.ttl(key)).isBetween(3590L, 3600L);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT node_data::text AS node_data, cached_at, expires_at FROM journey_nodes_cache WHERE cache_key = ?",
                key);
        assertThat(json.readValue((String) row.get("node_data"), Pathways.class)).isEqualTo(loaded);
        Duration tableLifetime = Duration.between(((Timestamp) row.get("cached_at")).toLocalDateTime(),
                ((Timestamp) row.get("expires_at")).toLocalDateTime());
        assertThat(tableLifetime).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void narrativesAndSpotifyEntriesAreKeptInRedisOnlyWithTheirOwnLifetimes() {
        String from = unique("from");
        String track = unique("track");
        String artist = unique("artist");

        cache.getOrLoad(CacheEntry.narrative(from, "to", "influences"), String.class, () -> "A story");
        cache.getOrLoad(CacheEntry.spotifyArtist(artist), String.class, () -> "An artist");
        cache.getOrLoad(CacheEntry.spotifyTrack(track), String.class, () -> "A track");

        assertThat(redis.ttl("narrative:" + from + ":to:influences")).isBetween(604_790L, 604_800L);
        assertThat(redis.ttl("spotify:artist:" + artist)).isBetween(86_390L, 86_400L);
        assertThat(redis.ttl("spotify:track:" + track)).isBetween(86_390L, 86_400L);
        assertThat(redis.get("spotify:track:" + track)).isEqualTo("\"A track\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journey_nodes_cache WHERE cache_key IN (?, ?, ?)",
                Long.class, "narrative:" + from + ":to:influences", "spotify:artist:" + artist,
                "spotify:track:" + track)).isZero();
    }

    @Test
    void aSecondReadIsAnsweredFromTheCacheWithoutTheLoader() {
        CacheEntry entry = CacheEntry.pathway(NodeType.GENRE, unique("trip-hop"));
        AtomicInteger loads = new AtomicInteger();

        Pathways first = cache.getOrLoad(entry, Pathways.class, () -> counted(loads, "first"));
        Pathways second = cache.getOrLoad(entry, Pathways.class, () -> counted(loads, "second"));

        assertThat(second).isEqualTo(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aRecordReadAgainFromAnUnchangedTextIsTheValueDecodedBeforeAndATextChangedInRedisIsDecodedAnew()
            throws Exception {
        CacheEntry entry = CacheEntry.pathway(NodeType.ARTIST, unique("tricky"));
        cache.getOrLoad(entry, Pathways.class, () -> new Pathways("tricky", List.of("martina-topley-bird")));

        Pathways first = cache.getOrLoad(entry, Pathways.class, () -> new Pathways("never", List.of()));
        Pathways second = cache.getOrLoad(entry, Pathways.class, () -> new Pathways("never", List.of()));
        redis.set(entry.key(), json.writeValueAsString(new Pathways("tricky", List.of("massive-attack"))));
        Pathways changed = cache.getOrLoad(entry, Pathways.class, () -> new Pathways("never", List.of()));

        assertThat(second).isSameAs(first);
        assertThat(changed.next()).containsExactly("massive-attack");
    }

    @Test
    void aValueCallersCanChangeIsDecodedForEachCaller() {
        CacheEntry entry = CacheEntry.spotifyArtist(unique("artist"));
        cache.getOrLoad(entry, ObjectNode.class, () -> json.createObjectNode().put("name", "Tricky"));

        ObjectNode changedByOneCaller = cache.getOrLoad(entry, ObjectNode.class, json::createObjectNode);
        changedByOneCaller.put("name", "changed");
        ObjectNode another = cache.getOrLoad(entry, ObjectNode.class, json::createObjectNode);

        assertThat(another.get("name").asText()).isEqualTo("Tricky");
    }

    @Test
    void aRedisMissIsRefilledFromTheTableForTheRowsRemainingLifetime() {
        MutableClock clock = new MutableClock();
        TwoLevelExplorationCache timed = new TwoLevelExplorationCache(firstTier, table, json, clock);
        String nodeId = unique("portishead");
        CacheEntry entry = CacheEntry.pathway(NodeType.ARTIST, nodeId);
        AtomicInteger loads = new AtomicInteger();
        timed.getOrLoad(entry, Pathways.class, () -> counted(loads, nodeId));

        redis.del(entry.key());
        clock.advance(Duration.ofHours(23).plusMinutes(30));
        Pathways answer = timed.getOrLoad(entry, Pathways.class, () -> counted(loads, "again"));

        assertThat(answer.node()).isEqualTo(nodeId);
        assertThat(loads).hasValue(1);
        assertThat(redis.ttl(entry.key())).isBetween(1790L, 1800L);
    }

    @Test
    void aTableRowPastItsExpiryIsAMissAndIsReplacedByTheNewLoad() {
        MutableClock clock = new MutableClock();
        TwoLevelExplorationCache timed = new TwoLevelExplorationCache(firstTier, table, json, clock);
        CacheEntry entry = CacheEntry.pathway(NodeType.ALBUM, unique("ok-computer"));
        AtomicInteger loads = new AtomicInteger();
        timed.getOrLoad(entry, Pathways.class, () -> counted(loads, "old"));

        redis.del(entry.key());
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        Pathways answer = timed.getOrLoad(entry, Pathways.class, () -> counted(loads, "new"));

        assertThat(answer.node()).isEqualTo("new");
        assertThat(loads).hasValue(2);
        assertThat(table.find(entry.key(), clock.instant())).get()
                .extracting(NodesCacheTable.Row::expiresAt).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void sixteenConcurrentMissesOfOneKeyMakeOneLoaderCall() throws Exception {
        CacheEntry entry = CacheEntry.pathway(NodeType.ARTIST, unique("massive-attack"));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Pathways>> answers = concurrently(16, () -> cache.getOrLoad(entry, Pathways.class, () -> {
            loads.incrementAndGet();
            awaitQuietly(release);
            return new Pathways("massive-attack", List.of("tricky"));
        }), release, loads);

        for (Future<Pathways> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).next()).containsExactly("tricky");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailingLoaderReachesEveryWaiterAndIsNotCached() throws Exception {
        CacheEntry entry = CacheEntry.pathway(NodeType.ARTIST, unique("unreachable"));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException upstreamDown = new IllegalStateException("model unavailable");
        List<Future<Pathways>> answers = concurrently(16, () -> cache.getOrLoad(entry, Pathways.class, () -> {
            loads.incrementAndGet();
            awaitQuietly(release);
            throw upstreamDown;
        }), release, loads);

        for (Future<Pathways> answer : answers) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCause(upstreamDown);
        }
        assertThat(loads).hasValue(1);
        assertThat(redis.exists(entry.key())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journey_nodes_cache WHERE cache_key = ?", Long.class,
                entry.key())).isZero();
        assertThat(cache.getOrLoad(entry, Pathways.class, () -> counted(loads, "recovered")).node())
                .isEqualTo("recovered");
        assertThat(loads).hasValue(2);
    }

    @Test
    void evictionRemovesAKeyFromRedisAndTheTable() {
        CacheEntry entry = CacheEntry.pathway(NodeType.TRACK, unique("creep"));
        AtomicInteger loads = new AtomicInteger();
        cache.getOrLoad(entry, Pathways.class, () -> counted(loads, "creep"));

        cache.evict(entry.key());

        assertThat(redis.exists(entry.key())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journey_nodes_cache WHERE cache_key = ?", Long.class,
                entry.key())).isZero();
        cache.getOrLoad(entry, Pathways.class, () -> counted(loads, "creep"));
        assertThat(loads).hasValue(2);
    }

    @Test
    void aValueThatNoLongerReadsAsTheAskedTypeIsLoadedAgain() {
        CacheEntry entry = CacheEntry.pathway(NodeType.ARTIST, unique("changed-shape"));
        redis.setex(entry.key(), 3600, "[\"written\", \"by an older release\"]");

        Pathways answer = cache.getOrLoad(entry, Pathways.class, () -> new Pathways("fresh", List.of()));

        assertThat(answer.node()).isEqualTo("fresh");
        assertThat(redis.get(entry.key())).contains("fresh");
    }

    @Test
    void theCleanupDeletesExpiredRowsOnlyInBatches() {
        MutableClock clock = new MutableClock();
        String prefix = unique("cleanup");
        for (int i = 0; i < 7; i++) {
            table.save(prefix + ":expired:" + i, "{}", clock.instant().minus(Duration.ofHours(30)),
                    clock.instant().minus(Duration.ofHours(6)));
        }
        table.save(prefix + ":live", "{}", clock.instant(), clock.instant().plus(Duration.ofHours(1)));
        table.save(prefix + ":forever", "{}", clock.instant(), null);

        int deleted = new NodesCacheCleanup(table, clock, 3).deleteExpired();

        assertThat(deleted).isGreaterThanOrEqualTo(7);
        assertThat(jdbc.queryForList("SELECT cache_key FROM journey_nodes_cache WHERE cache_key LIKE ? ORDER BY 1",
                String.class, prefix + ":%")).containsExactly(prefix + ":forever", prefix + ":live");
    }

    /**
     * Starts the calls together and lets the loader finish only once every thread is waiting: the one running the
     * loader, the others for its result.
     */
    private static <T> List<Future<T>> concurrently(int threads, java.util.concurrent.Callable<T> call,
                                                    CountDownLatch release, AtomicInteger loads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Thread> workers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                synchronized (workers) {
                    workers.add(Thread.currentThread());
                }
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (workers) {
                return workers.size() == threads && loads.get() >= 1 && workers.stream().allMatch(worker ->
                        worker.getState() == Thread.State.WAITING || worker.getState() == Thread.State.TIMED_WAITING);
            }
        });
        release.countDown();
        pool.shutdown();
        return futures;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Pathways counted(AtomicInteger loads, String node) {
        loads.incrementAndGet();
        return new Pathways(node, List.of());
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }
}
