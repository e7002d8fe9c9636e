package io.musicaljourney.pathway.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineFirstTierTest {

    private final AtomicLong nanos = new AtomicLong();
    private final CaffeineFirstTier tier = new CaffeineFirstTier(100, nanos::get);

    @Test
    void eachEntryLivesAsLongAsItsOwnTtl() {
        tier.put("pathway:artist:a", "{}", Duration.ofHours(1));
        tier.put("narrative:a:b:legacy", "\"story\"", Duration.ofDays(7));

        nanos.addAndGet(Duration.ofMinutes(61).toNanos());

        assertThat(tier.get("pathway:artist:a")).isEmpty();
        assertThat(tier.get("narrative:a:b:legacy")).contains("\"story\"");
    }

    @Test
    void anEvictedEntryIsGone() {
        tier.put("spotify:track:t", "{}", Duration.ofHours(24));

        tier.evict("spotify:track:t");

        assertThat(tier.get("spotify:track:t")).isEmpty();
    }

    @Test
    void ttlsAreWholeSecondsOfAtLeastOne() {
        assertThat(FirstTier.roundedTtl(Duration.ofMillis(1500))).isEqualTo(Duration.ofSeconds(1));
        assertThat(FirstTier.roundedTtl(Duration.ofMillis(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(FirstTier.roundedTtl(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRefillFromTheTableLivesForTheRowsRemainingLifetimeAtMostTheFirstTiersTtl() {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        assertThat(TwoLevelExplorationCache.refillTtl(Duration.ofHours(1), now.plus(Duration.ofMinutes(20)), now))
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(TwoLevelExplorationCache.refillTtl(Duration.ofHours(1), now.plus(Duration.ofHours(20)), now))
                .isEqualTo(Duration.ofHours(1));
        assertThat(TwoLevelExplorationCache.refillTtl(Duration.ofHours(1), null, now)).isEqualTo(Duration.ofHours(1));
    }
}
