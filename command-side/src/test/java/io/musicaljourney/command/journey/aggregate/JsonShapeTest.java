package io.musicaljourney.command.journey.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.graph;
import static io.musicaljourney.command.journey.aggregate.JourneyFixtures.nestedMaps;
import static org.assertj.core.api.Assertions.assertThat;

class JsonShapeTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    @Test
    void scalarsMeasureAsTheirTextInQuotes() {
        assertThat(JsonShape.size("abc", NO_LIMIT)).isEqualTo(5);
        assertThat(JsonShape.size(42, NO_LIMIT)).isEqualTo(4);
        assertThat(JsonShape.size(true, NO_LIMIT)).isEqualTo(6);
        assertThat(JsonShape.size(null, NO_LIMIT)).isEqualTo(4);
    }

    @Test
    void emptyObjectsAndArraysMeasureTwoCharacters() {
        assertThat(JsonShape.size(Map.of(), NO_LIMIT)).isEqualTo(2);
        assertThat(JsonShape.size(List.of(), NO_LIMIT)).isEqualTo(2);
    }

    @Test
    void anObjectMeasuresItsKeysAndValues() {
        // {"a":"xy"}: braces 2, key with quotes, colon and comma 1+4, value with quotes 2+2
        assertThat(JsonShape.size(Map.of("a", "xy"), NO_LIMIT)).isEqualTo(2 + 5 + 4);
    }

    @Test
    void theSizeNeverFallsShortOfTheSerializedJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("text", "Two sentences. About jazz.");
        mixed.put("number", 1959);
        mixed.put("decimal", 12.5);
        mixed.put("flag", false);
        mixed.put("nothing", null);
        mixed.put("list", List.of(1, "two", Map.of("three", List.of())));
        List<Object> samples = List.of(graph("a", "b", "c"), mixed, nestedMaps(20), List.of(List.of(), Map.of()),
                Map.of(), List.of("x"));
        for (Object sample : samples) {
            assertThat(JsonShape.size(sample, NO_LIMIT))
                    .as("size of %s", sample)
                    .isGreaterThanOrEqualTo(json.writeValueAsString(sample).length());
        }
    }

    @Test
    void measuringStopsSoonAfterTheLimitIsPassed() {
        CountingCollection huge = new CountingCollection(1_000_000, "0123456789");
        long measured = JsonShape.size(huge, 100);
        assertThat(measured).isGreaterThan(100);
        assertThat(huge.elementsRead).isLessThan(20);
    }

    @Test
    void measuringANestedValueStopsSoonAfterTheLimitIsPassed() {
        CountingCollection huge = new CountingCollection(1_000_000, "0123456789");
        Map<String, Object> wrapper = Map.of("inner", List.of(huge));
        assertThat(JsonShape.size(wrapper, 1_000)).isGreaterThan(1_000);
        assertThat(huge.elementsRead).isLessThan(100);
    }

    @Test
    void scalarsAndEmptyContainersHaveNoDepth() {
        assertThat(JsonShape.depth("text")).isZero();
        assertThat(JsonShape.depth(null)).isZero();
        assertThat(JsonShape.depth(Map.of())).isZero();
        assertThat(JsonShape.depth(List.of())).isZero();
    }

    @Test
    void eachLevelOfObjectsOrArraysCountsOnce() {
        assertThat(JsonShape.depth(Map.of("a", 1))).isEqualTo(1);
        assertThat(JsonShape.depth(List.of(List.of(1)))).isEqualTo(2);
        assertThat(JsonShape.depth(Map.of("a", List.of(Map.of("b", 1))))).isEqualTo(3);
        assertThat(JsonShape.depth(nestedMaps(JsonShape.MAX_DEPTH))).isEqualTo(JsonShape.MAX_DEPTH);
    }

    @Test
    void theDeepestBranchDecides() {
        Map<String, Object> value = new HashMap<>();
        value.put("shallow", 1);
        value.put("deep", nestedMaps(5));
        value.put("list", List.of(1, 2, 3));
        assertThat(JsonShape.depth(value)).isEqualTo(6);
    }

    @Test
    void measuringAVeryDeepValueStopsJustPastTheMaximumWithoutExhaustingTheStack() {
        Object deep = "leaf";
        for (int i = 0; i < 100_000; i++) {
            List<Object> wrapper = new ArrayList<>(1);
            wrapper.add(deep);
            deep = wrapper;
        }
        assertThat(JsonShape.depth(deep)).isEqualTo(JsonShape.MAX_DEPTH + 1);
    }

    /** A collection of many equal strings that counts how many of them were read. */
    private static final class CountingCollection extends AbstractCollection<Object> {

        private final int size;
        private final String element;
        private int elementsRead;

        CountingCollection(int size, String element) {
            this.size = size;
            this.element = element;
        }

        @Override
        public Iterator<Object> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Object next() {
                    next++;
                    elementsRead++;
                    return element;
                }
            };
        }

        @Override
        public int size() {
            return size;
        }
    }
}
