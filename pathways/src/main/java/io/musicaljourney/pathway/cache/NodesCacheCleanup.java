package io.musicaljourney.pathway.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes expired {@code journey_nodes_cache} rows every {@code journey.cache.cleanup.interval}, in batches of
 * {@code journey.cache.cleanup.batch-size}. Expired rows are never served (the read filters on
 * {@code expires_at}); this only keeps the table small. Every instance may run it: the batches skip rows another
 * instance holds, and deleting an expired row twice is harmless.
 */
public class NodesCacheCleanup {

    private static final Logger log = LoggerFactory.getLogger(NodesCacheCleanup.class);

    private final NodesCacheTable table;
    private final Clock clock;
    private final int batchSize;

    public NodesCacheCleanup(NodesCacheTable table, Clock clock, int batchSize) {
        this.table = table;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(initialDelayString = "${journey.cache.cleanup.interval:10m}",
            fixedDelayString = "${journey.cache.cleanup.interval:10m}")
    public void runScheduled() {
        try {
            int deleted = deleteExpired();
            if (deleted > 0) {
                log.info("Deleted {} expired journey_nodes_cache rows", deleted);
            }
        } catch (DataAccessException failure) {
            log.warn("Cleaning journey_nodes_cache failed; next attempt at the next interval: {}", failure.toString());
        }
    }

    /** @return how many rows were deleted; each batch is its own short transaction */
    public int deleteExpired() {
        Instant now = clock.instant();
        int total = 0;
        int deleted;
        do {
            deleted = table.deleteExpired(now, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}
