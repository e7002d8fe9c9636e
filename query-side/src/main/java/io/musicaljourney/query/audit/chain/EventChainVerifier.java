package io.musicaljourney.query.audit.chain;

import io.musicaljourney.audit.query.ChainVerification;
import io.musicaljourney.audit.query.ChainVerification.ChainBreak;
import io.musicaljourney.journey.JourneyId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Recomputes a journey's chain from the rows as they are stored now (not through the serializer or the upcasters,
 * which would hide a changed byte) and reports the first event whose link does not hold.
 */
@Component
public class EventChainVerifier {

    /**
     * Events and links side by side: a link whose event was deleted shows up as a row without an event, a removed
     * link as an event without one, a deleted event with its link as a gap in the sequence numbers.
     */
    private static final String EVENTS_AND_LINKS = """
            SELECT COALESCE(e.sequence_number, c.sequence_number) AS sequence_number,
                   e.sequence_number IS NOT NULL AS stored, e.event_identifier, e.aggregate_identifier, e.type,
                   e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data, c.hash
            FROM (SELECT * FROM domain_event_entry WHERE aggregate_identifier = ?) e
            FULL JOIN (SELECT * FROM event_hash_chain WHERE aggregate_identifier = ?) c
              ON c.sequence_number = e.sequence_number
            ORDER BY 1
            """;
    /** Rows fetched per round trip: a long journey is verified in constant memory. */
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public EventChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public ChainVerification verify(JourneyId journey) {
        // PostgreSQL's driver only honours the fetch size inside a transaction.
        return readOnly.execute(status -> {
            Walk walk = new Walk();
            jdbc.query(EVENTS_AND_LINKS, walk::next, journey.asString(), journey.asString());
            return walk.outcome(journey);
        });
    }

    /** One pass over the rows, stopping its checks at the first break. */
    private static final class Walk {
        private byte[] previous = EventChain.GENESIS;
        private long expectedSequence;
        private long checked;
        private ChainBreak broken;

        void next(ResultSet row) throws SQLException {
            if (broken != null) {
                return;
            }
            long sequence = row.getLong("sequence_number");
            if (sequence != expectedSequence) {
                broken = new ChainBreak(expectedSequence, ChainBreak.EVENT_MISSING,
                        "No event and no link is stored with this sequence number");
                return;
            }
            expectedSequence++;
            byte[] stored = row.getBytes("hash");
            if (!row.getBoolean("stored")) {
                broken = new ChainBreak(sequence, ChainBreak.EVENT_MISSING, "The link is stored, the event is gone");
                return;
            }
            if (stored == null) {
                broken = new ChainBreak(sequence, ChainBreak.LINK_MISSING, "The event is stored without a link");
                return;
            }
            byte[] computed = EventChain.link(previous, new EventChain.ChainedEvent(
                    row.getString("event_identifier"), row.getString("aggregate_identifier"), sequence,
                    row.getString("type"), row.getString("time_stamp"), row.getString("payload_type"),
                    row.getString("payload_revision"), row.getBytes("payload"), row.getBytes("meta_data")));
            if (!MessageDigest.isEqual(computed, stored)) {
                broken = new ChainBreak(sequence, ChainBreak.HASH_MISMATCH,
                        "The stored event, or the link before it, is not what was appended");
                return;
            }
            previous = computed;
            checked++;
        }

        ChainVerification outcome(JourneyId journey) {
            String head = broken != null || checked == 0 ? null : HexFormat.of().formatHex(previous);
            return new ChainVerification(journey.asString(), broken == null, checked, head, broken);
        }
    }
}
