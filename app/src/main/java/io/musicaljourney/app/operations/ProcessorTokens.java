package io.musicaljourney.app.operations;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * The streaming processors' tokens as stored in {@code token_entry}: the positions of every instance's segments,
 * not only the ones this instance has claimed. A position is the global index of the last event a segment has
 * seen (-1 before the first).
 */
final class ProcessorTokens {

    private static final String SELECT = "SELECT processor_name, segment, token, token_type, owner FROM token_entry";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ProcessorTokens(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    List<Row> all() {
        return jdbc.query(SELECT + " ORDER BY processor_name, segment", (rs, n) -> row(rs.getString(1), rs.getInt(2),
                rs.getBytes(3), rs.getString(4), rs.getString(5)));
    }

    List<Row> of(String processor) {
        return jdbc.query(SELECT + " WHERE processor_name = ? ORDER BY segment", (rs, n) -> row(rs.getString(1),
                rs.getInt(2), rs.getBytes(3), rs.getString(4), rs.getString(5)), processor);
    }

    private Row row(String processor, int segment, byte[] token, String tokenType, String owner) {
        TrackingToken tracking = token == null || tokenType == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        return new Row(processor, segment, tracking, owner);
    }

    static long positionOf(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? position.getAsLong() : -1;
    }

    /** The lowest position over the segments: every event up to it has been seen by all of them. */
    static long lowest(Collection<Row> rows) {
        return rows.stream().mapToLong(Row::position).min().orElse(-1);
    }

    static long highest(Collection<Row> rows) {
        return rows.stream().mapToLong(Row::position).max().orElse(-1);
    }

    /**
     * Whether {@code ahead} has seen at least what {@code behind} has seen, for every journey: a journey belongs to
     * one segment of each processor, so every pair of segments that can hold the same journey is compared. Exact
     * for any split of segments (the masks are derived from the segment ids, as Axon does).
     */
    static boolean covers(List<Row> ahead, List<Row> behind) {
        if (behind.isEmpty()) {
            return true;
        }
        if (ahead.isEmpty()) {
            return false;
        }
        Segment[] aheadSegments = Segment.computeSegments(ahead.stream().mapToInt(Row::segment).toArray());
        Segment[] behindSegments = Segment.computeSegments(behind.stream().mapToInt(Row::segment).toArray());
        for (Row front : ahead) {
            Segment frontSegment = find(aheadSegments, front.segment());
            for (Row back : behind) {
                Segment backSegment = find(behindSegments, back.segment());
                if (overlap(frontSegment, backSegment) && front.position() < back.position()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Segment find(Segment[] segments, int id) {
        for (Segment segment : segments) {
            if (segment.getSegmentId() == id) {
                return segment;
            }
        }
        throw new IllegalStateException("No segment " + id);
    }

    private static boolean overlap(Segment a, Segment b) {
        int common = a.getMask() & b.getMask();
        return (a.getSegmentId() & common) == (b.getSegmentId() & common);
    }

    record Row(String processor, int segment, TrackingToken token, String owner) {

        long position() {
            return positionOf(token);
        }

        /**
         * Replaying by positions, not by Axon's flag: a replay token still below the position it was reset at.
         * Axon keeps the flag up after a replay caught up until a newer event arrives.
         */
        boolean replaying() {
            if (token instanceof ReplayToken replay) {
                return positionOf(replay.getCurrentToken()) < positionOf(replay.getTokenAtReset());
            }
            return false;
        }
    }
}
