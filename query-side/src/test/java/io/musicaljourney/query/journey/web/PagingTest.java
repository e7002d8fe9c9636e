package io.musicaljourney.query.journey.web;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    @Test
    void absentOrEmptyParametersTakeTheDefaults() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(25, 0));
        assertThat(Paging.of("", "")).isEqualTo(new Paging(25, 0));
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        assertThat(Paging.of("1", "0")).isEqualTo(new Paging(1, 0));
        assertThat(Paging.of("100", String.valueOf(Integer.MAX_VALUE)))
                .isEqualTo(new Paging(100, Integer.MAX_VALUE));
    }

    @Test
    void valuesOutOfRangeAreRefusedRatherThanClamped() {
        assertThatThrownBy(() -> Paging.of("101", null)).isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("limit must be an integer from 1 to 100");
        assertThatThrownBy(() -> Paging.of(null, "2147483648")).isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("offset must be a non-negative integer");
    }
}
