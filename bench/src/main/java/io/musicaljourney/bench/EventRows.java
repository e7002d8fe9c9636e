package io.musicaljourney.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.event.JourneyStartedEvent;
import io.musicaljourney.journey.event.NodeVisitedEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Journey events as rows of {@code domain_event_entry}, exactly as Axon's JDBC engine writes them in the service:
 * payload and metadata through Axon's {@link JacksonSerializer} with the mapper settings of the service's
 * {@code AxonConfiguration}, payload type and revision from the serializer, the time in Axon's own format. Bulk
 * loaded with {@code COPY}, and scanned back raw (the peer of P4).
 */
final class EventRows {

    static final String AGGREGATE_TYPE = "Journey";

    /** The same settings as AxonConfiguration#serializer in the app module. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(MAPPER).build();

    private static final String[] PATHWAYS = {"influences", "legacy", "collaborators", "contemporaries", "genre"};

    private EventRows() {
    }

    /** One event row: what the storage engine inserts. */
    record Row(String eventId, byte[] metaData, byte[] payload, String revision, String payloadType,
               String timeStamp, String aggregateId, long sequence, String type) {
    }

    static Row row(Object payload, JourneyId journey, long sequence, UserId user, Instant at) {
        SerializedObject<byte[]> data = SERIALIZER.serialize(payload, byte[].class);
        String commandId = UUID.randomUUID().toString();
        Map<String, Object> meta = new HashMap<>();
        meta.put("traceId", commandId);
        meta.put("correlationId", commandId);
        meta.put("userId", user.value());
        meta.put("requestId", "bench-" + commandId.substring(0, 8));
        SerializedObject<byte[]> metaData = SERIALIZER.serialize(MetaData.from(meta), byte[].class);
        return new Row(UUID.randomUUID().toString(), metaData.getData(), data.getData(),
                data.getType().getRevision(), data.getType().getName(), DateTimeUtils.formatInstant(at),
                journey.toString(), sequence, AGGREGATE_TYPE);
    }

    static JourneyStartedEvent started(JourneyId journey, UserId owner, int index) {
        return new JourneyStartedEvent(journey, owner, "Bench journey " + index,
                new NodeRef(NodeId.of("start-" + index), NodeType.ARTIST, "Start " + index));
    }

    static NodeVisitedEvent visited(JourneyId journey, int journeyIndex, int visit) {
        String parent = visit == 1 ? "start-" + journeyIndex : "node-" + journeyIndex + "-" + (visit - 1);
        return new NodeVisitedEvent(journey,
                new NodeRef(NodeId.of("node-" + journeyIndex + "-" + visit), NodeType.ARTIST, "Artist " + visit),
                PathwayType.fromWire(PATHWAYS[visit % PATHWAYS.length]), NodeId.of(parent), null, Map.of());
    }

    /**
     * Writes {@code journeys} journeys of one start and {@code visits} visits each. Journeys are written in groups
     * of {@code interleave} whose events alternate, as concurrent clients would produce them.
     *
     * @return the number of rows written
     */
    static long copy(Connection connection, String prefix, int journeys, int visits, int interleave,
                     Instant from, Bench.Ticker ticker) throws SQLException, IOException {
        String sql = "COPY domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,"
                + " time_stamp, aggregate_identifier, sequence_number, type) FROM STDIN";
        long written = 0;
        long total = (long) journeys * (visits + 1);
        try (OutputStream out = new BufferedOutputStream(
                new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16), 1 << 20)) {
            StringBuilder line = new StringBuilder(2048);
            for (int group = 0; group < journeys; group += interleave) {
                int size = Math.min(interleave, journeys - group);
                JourneyId[] ids = new JourneyId[size];
                UserId[] owners = new UserId[size];
                for (int i = 0; i < size; i++) {
                    ids[i] = JourneyId.random();
                    owners[i] = UserId.of(prefix + "-u" + (group + i) % 997);
                }
                for (int seq = 0; seq <= visits; seq++) {
                    for (int i = 0; i < size; i++) {
                        int index = group + i;
                        Object payload = seq == 0 ? started(ids[i], owners[i], index) : visited(ids[i], index, seq);
                        Row row = row(payload, ids[i], seq, owners[i], from.plusMillis(written));
                        line.setLength(0);
                        line.append(row.eventId()).append('\t');
                        hex(line, row.metaData()).append('\t');
                        hex(line, row.payload()).append('\t');
                        line.append(row.revision()).append('\t')
                                .append(row.payloadType()).append('\t')
                                .append(row.timeStamp()).append('\t')
                                .append(row.aggregateId()).append('\t')
                                .append(row.sequence()).append('\t')
                                .append(row.type()).append('\n');
                        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                        written++;
                    }
                }
                ticker.tick("load " + prefix, written, total);
            }
        }
        return written;
    }

    private static StringBuilder hex(StringBuilder line, byte[] bytes) {
        // COPY's text format: a backslash is written as two, so the bytea literal \x... becomes \\x...
        line.append("\\\\x");
        for (byte b : bytes) {
            line.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return line;
    }

    /**
     * The peer of P4: streams the rows of a {@code global_index} range in order and deserializes every payload into
     * its event record and its metadata into a map, as a hand-written projector's reader would.
     *
     * @return rows read
     */
    static long scan(Connection connection, long fromIndex, long toIndex, Bench.Ticker ticker) throws Exception {
        connection.setAutoCommit(false);
        Map<String, Class<?>> types = new HashMap<>();
        long rows = 0;
        long checksum = 0;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT global_index, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
                       aggregate_identifier, sequence_number, type
                FROM domain_event_entry WHERE global_index BETWEEN ? AND ? ORDER BY global_index""")) {
            statement.setFetchSize(1000);
            statement.setLong(1, fromIndex);
            statement.setLong(2, toIndex);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    result.getLong(1);
                    result.getString(2);
                    byte[] meta = result.getBytes(3);
                    byte[] payload = result.getBytes(4);
                    result.getString(5);
                    String type = result.getString(6);
                    Instant at = DateTimeUtils.parseInstant(result.getString(7));
                    result.getString(8);
                    result.getLong(9);
                    result.getString(10);
                    Class<?> payloadClass = types.computeIfAbsent(type, EventRows::load);
                    Object event = MAPPER.readValue(payload, payloadClass);
                    Map<?, ?> metaData = MAPPER.readValue(meta, Map.class);
                    checksum += event.hashCode() + metaData.size() + at.getNano();
                    if (++rows % 50_000 == 0) {
                        ticker.tick("raw scan", rows, toIndex - fromIndex + 1);
                    }
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(true);
        }
        if (checksum == 42) {
            Bench.say("");
        }
        return rows;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Unknown payload type " + name, e);
        }
    }
}
