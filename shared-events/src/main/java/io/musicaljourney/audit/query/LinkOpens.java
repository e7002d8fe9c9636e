package io.musicaljourney.audit.query;

import java.time.LocalDate;
import java.util.List;

/** Opens of a journey's shared links, in total and per day (UTC), newest day first. */
public record LinkOpens(long total, List<Day> byDay) {

    public record Day(LocalDate day, long opens) {
    }
}
