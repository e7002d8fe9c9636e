package io.musicaljourney.query.audit.opens;

import io.musicaljourney.audit.query.LinkOpens;
import io.musicaljourney.sharing.ShareToken;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the opens of shared links for the audit: per journey, per token fingerprint and per day, and nothing about
 * who opened them.
 *
 * <p>Opens are added up in memory and written every few seconds ({@code journey.audit.link-opens-flush-interval}),
 * so a popular link costs the read route no write and no row lock per open; the audit writes this instance's
 * pending opens before it reads, and the opens of other instances follow within the interval. A crash loses at most
 * that interval's opens: a statistic, not anything a user did.
 */
@Component
public class SharedLinkOpens {

    private static final Logger log = LoggerFactory.getLogger(SharedLinkOpens.class);

    private static final String ADD = """
            INSERT INTO shared_link_opens (journey_id, token_fingerprint, day, opens) VALUES (?, ?, ?, ?)
            ON CONFLICT (journey_id, token_fingerprint, day) DO UPDATE SET opens = shared_link_opens.opens + EXCLUDED.opens
            """;
    private static final String OF_JOURNEY =
            "SELECT day, token_fingerprint, opens FROM shared_link_opens WHERE journey_id = ? ORDER BY day DESC";

    private record Key(UUID journeyId, String tokenFingerprint, LocalDate day) {
    }

    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SharedLinkOpens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    public void opened(UUID journeyId, ShareToken token) {
        pending.merge(new Key(journeyId, token.fingerprint(), LocalDate.now(clock.withZone(ZoneOffset.UTC))), 1L,
                Long::sum);
    }

    @Scheduled(fixedDelayString = "${journey.audit.link-opens-flush-interval:5s}")
    @PreDestroy
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        // remove() hands over a key's count atomically with respect to merge(): no open is counted twice or lost.
        List<Object[]> rows = new ArrayList<>();
        Map<Key, Long> taken = new HashMap<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Long opens = pending.remove(key);
            if (opens != null) {
                taken.put(key, opens);
                rows.add(new Object[] {key.journeyId(), key.tokenFingerprint(), Date.valueOf(key.day()), opens});
            }
        }
        try {
            jdbc.batchUpdate(ADD, rows);
        } catch (DataAccessException e) {
            taken.forEach((key, opens) -> pending.merge(key, opens, Long::sum));
            log.warn("Could not record {} shared-link opens, keeping them for the next attempt: {}", taken.size(),
                    e.getMessage());
        }
    }

    /** A journey's opens by day and by token, with this instance's pending opens written first. */
    public Counted of(UUID journeyId) {
        flush();
        Map<LocalDate, Long> byDay = new LinkedHashMap<>();
        Map<String, Long> byToken = new HashMap<>();
        jdbc.query(OF_JOURNEY, row -> {
            long opens = row.getLong("opens");
            byDay.merge(row.getDate("day").toLocalDate(), opens, Long::sum);
            byToken.merge(row.getString("token_fingerprint"), opens, Long::sum);
        }, journeyId);
        List<LinkOpens.Day> days = byDay.entrySet().stream()
                .map(day -> new LinkOpens.Day(day.getKey(), day.getValue())).toList();
        return new Counted(new LinkOpens(days.stream().mapToLong(LinkOpens.Day::opens).sum(), days), byToken);
    }

    /** @param byTokenFingerprint the opens of each share, by its token's fingerprint */
    public record Counted(LinkOpens linkOpens, Map<String, Long> byTokenFingerprint) {
    }
}
