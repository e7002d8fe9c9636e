package io.musicaljourney.app.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicaljourney.query.journey.projection.JourneyProjector;
import io.musicaljourney.support.IntegrationTest;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journeys processor of a lone instance keeps one segment, goes on projecting through a resize, and is not resized
 * while a rebuild runs.
 */
class SegmentSizingTest extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aLoneInstanceMergesASplitSegmentBackIntoOneAndGoesOnProjecting() throws Exception {
        StreamingEventProcessor processor = journeysProcessor();
        int only = theOneSegmentItHolds(processor);

        assertThat(processor.splitSegment(only).get(30, TimeUnit.SECONDS)).as("split").isTrue();

        await("the halves merged again").atMost(Duration.ofSeconds(30))
                .until(() -> segments() == 1 && processor.processingStatus().size() == 1
                        && processor.processingStatus().values().iterator().next().getSegment().getMask() == 0);
        String user = newUser();
        String id = api.post("/api/journeys", user, JourneyRequests.create("After the merge")).json()
                .get("id").asText();
        api.post("/api/journeys/" + id + "/visits", user,
                JourneyRequests.visit("son-house", "Son House", JourneyRequests.START_ID));
        JsonNode journey = api.get("/api/journeys/" + id, user).json().get("journey");
        assertThat(journey.get("nodes_visited")).as(journey.toString()).hasSize(1);
        assertThat(journey.at("/nodes_visited/0/nodeId").asText()).isEqualTo("son-house");
    }

    @Test
    void segmentsAreNotResizedWhileARebuildRunsAnywhere() throws Exception {
        StreamingEventProcessor processor = journeysProcessor();
        int only = theOneSegmentItHolds(processor);
        try (Connection rebuild = DriverManager.getConnection(databaseUrl, TestDatabase.USER, "")) {
            assertThat(advisoryLock(rebuild, "pg_try_advisory_lock")).isTrue();
            assertThat(processor.splitSegment(only).get(30, TimeUnit.SECONDS)).as("split").isTrue();

            await("the halves left as they are while the rebuild's lock is held")
                    .during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> segments() == 2);

            assertThat(advisoryLock(rebuild, "pg_advisory_unlock")).isTrue();
        }
        await("the halves merged once the lock is gone").atMost(Duration.ofSeconds(30))
                .until(() -> segments() == 1 && processor.processingStatus().size() == 1);
    }

    private StreamingEventProcessor journeysProcessor() {
        return processing.eventProcessor(JourneyProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    /** The id of the processor's only segment, once the processor holds it. */
    private int theOneSegmentItHolds(StreamingEventProcessor processor) {
        await("the processor holding its one segment").atMost(Duration.ofSeconds(30))
                .until(() -> processor.processingStatus().size() == 1 && segments() == 1);
        return processor.processingStatus().keySet().iterator().next();
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, RebuildLock.KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private int segments() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                Integer.class, JourneyProjector.PROCESSING_GROUP);
        return count == null ? 0 : count;
    }
}
