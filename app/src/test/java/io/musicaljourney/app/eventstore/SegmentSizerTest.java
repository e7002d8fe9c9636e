package io.musicaljourney.app.eventstore;

import io.musicaljourney.app.eventstore.SegmentBalancingConfiguration.ProjectorPresence.Census;
import io.musicaljourney.app.eventstore.SegmentSizer.Merge;
import io.musicaljourney.app.eventstore.SegmentSizer.Split;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.musicaljourney.app.eventstore.SegmentSizer.decide;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segment ids as Axon numbers them: one segment is 0; split, 0 and 1 (mask 1); 0 split again, 0 and 2 (mask 3) beside
 * 1 (mask 1); all four, 0 to 3 (mask 3), where 0 pairs with 2 and 1 with 3.
 */
class SegmentSizerTest {

    @Test
    void aLoneInstanceWithOneSegmentLeavesItAlone() {
        assertThat(decide(census(1, Map.of(0, "a")), Set.of(0))).isEmpty();
    }

    @Test
    void nothingHappensBeforeTheFirstTokenExists() {
        assertThat(decide(census(2, Map.of()), Set.of())).isEmpty();
    }

    @Test
    void theHolderOfTheOnlySegmentSplitsItWhenASecondInstanceJoins() {
        assertThat(decide(census(2, Map.of(0, "a")), Set.of(0))).contains(new Split(0));
        assertThat(decide(census(2, Map.of(0, "a")), Set.of())).as("the newcomer waits").isEmpty();
    }

    @Test
    void onlyTheHolderOfTheLargestSegmentSplitsWhenInstancesOutnumberSegments() {
        Map<Integer, String> owners = Map.of(0, "a", 2, "a", 1, "b");
        assertThat(decide(census(4, owners), Set.of(1))).contains(new Split(1));
        assertThat(decide(census(4, owners), Set.of(0, 2))).isEmpty();
    }

    @Test
    void anUnclaimedLargestSegmentIsSplitByNobodyUntilItIsClaimed() {
        assertThat(decide(census(3, owners(0, null, 1, "b")), Set.of(1))).isEmpty();
    }

    @Test
    void anInstanceHoldingTwoSiblingsMergesThemWhenSegmentsOutnumberInstances() {
        assertThat(decide(census(1, Map.of(0, "a", 1, "a")), Set.of(0, 1))).contains(new Merge(0));
        Map<Integer, String> four = Map.of(0, "a", 2, "a", 1, "b", 3, "c");
        assertThat(decide(census(3, four), Set.of(0, 2))).contains(new Merge(0));
    }

    @Test
    void segmentsThatAreNotSiblingsAreNotMerged() {
        Map<Integer, String> four = Map.of(0, "a", 1, "a", 2, "b", 3, "c");
        assertThat(decide(census(3, four), Set.of(0, 1))).isEmpty();
    }

    @Test
    void aSegmentIsNotMergedWithASiblingThatWasSplitFurther() {
        // 1 (mask 1) pairs with 0, but 0 is now 0 and 2 (mask 3).
        Map<Integer, String> three = Map.of(0, "a", 2, "b", 1, "a");
        assertThat(decide(census(2, three), Set.of(0, 1))).isEmpty();
    }

    @Test
    void asManySegmentsAsInstancesAreLeftAlone() {
        assertThat(decide(census(3, Map.of(0, "a", 2, "b", 1, "c")), Set.of(0))).isEmpty();
    }

    private static Census census(int instances, Map<Integer, String> owners) {
        return new Census(IntStream.range(0, instances).mapToObj(i -> "instance-" + i).collect(Collectors.toSet()),
                owners);
    }

    private static Map<Integer, String> owners(Object... segmentsAndOwners) {
        Map<Integer, String> owners = new HashMap<>();
        for (int i = 0; i < segmentsAndOwners.length; i += 2) {
            owners.put((Integer) segmentsAndOwners[i], (String) segmentsAndOwners[i + 1]);
        }
        return owners;
    }
}
