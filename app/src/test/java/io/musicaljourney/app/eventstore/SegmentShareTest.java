package io.musicaljourney.app.eventstore;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.musicaljourney.app.eventstore.SegmentBalancingConfiguration.ProjectorPresence.share;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentShareTest {

    @Test
    void aLoneInstanceMayHoldEverySegment() {
        assertThat(share(4, Map.of("a", 0), "a")).isEqualTo(4);
        assertThat(share(4, Map.of("a", 4), "a")).isEqualTo(4);
    }

    @Test
    void beforeAnyTokenExistsTheFirstClaimIsNotHeldBack() {
        assertThat(share(0, Map.of("a", 0, "b", 0), "a")).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void threeInstancesShareFourSegmentsAtMostTwoEach() {
        assertThat(share(4, Map.of("a", 2, "b", 1, "c", 1), "a")).isEqualTo(2);
        assertThat(share(4, Map.of("a", 2, "b", 1, "c", 1), "b")).isEqualTo(2);
    }

    @Test
    void instancesAtTheirCeilingGiveWayToOneThatHoldsNothing() {
        Map<String, Integer> lopsided = Map.of("a", 2, "b", 2, "c", 0);
        assertThat(share(4, lopsided, "a")).as("a releases one").isEqualTo(1);
        assertThat(share(4, lopsided, "b")).as("b releases one").isEqualTo(1);
        assertThat(share(4, lopsided, "c")).as("c may take two").isEqualTo(2);
    }

    @Test
    void theFirstInstanceToStartReleasesSegmentsWhenOthersJoin() {
        assertThat(share(4, Map.of("a", 4, "b", 0, "c", 0), "a")).isEqualTo(1);
    }

    @Test
    void survivorsOfAKilledInstanceMayTakeItsSegmentsOver() {
        // c died holding two; its session is gone, so only a and b count.
        assertThat(share(4, Map.of("a", 1, "b", 1), "a")).isEqualTo(2);
        assertThat(share(4, Map.of("a", 1, "b", 1), "b")).isEqualTo(2);
    }
}
