package io.musicaljourney.pathway.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code journey.cache.*}.
 *
 * @param localMaxEntries    bound of the in-process tier that stands in for Redis when Redis is not configured
 * @param redisRetryInterval after Redis failed, how long requests skip it before one of them tries it again
 * @param cleanup            the scheduled deletion of expired {@code journey_nodes_cache} rows
 */
@ConfigurationProperties("journey.cache")
public record CacheProperties(@DefaultValue("10000") long localMaxEntries,
                              @DefaultValue("5s") Duration redisRetryInterval,
                              @DefaultValue Cleanup cleanup) {

    /**
     * @param enabled   off on instances that should leave the table alone
     * @param interval  time between the end of one run and the start of the next
     * @param batchSize rows deleted per statement, so one run never holds many locks or a long transaction
     */
    public record Cleanup(@DefaultValue("true") boolean enabled,
                          @DefaultValue("10m") Duration interval,
                          @DefaultValue("500") int batchSize) {
    }
}
