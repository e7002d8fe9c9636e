package io.musicaljourney.app.eventstore;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The notices of several commits go out as one. */
class CommitNoticeSenderTest {

    private final CommitNoticeSender sender = new CommitNoticeSender(() -> {
        throw new java.sql.SQLException("not used");
    }, "me", new ListeningPeers(), Duration.ofSeconds(1), Duration.ZERO, Duration.ofMillis(1),
            Duration.ofMillis(1));

    @Test
    void severalCommitsAreToldAsTheLastSequenceOfEachAggregate() {
        EventNotification merged = sender.merged(List.of(
                new EventNotification("me", Map.of("a", 3L, "b", 1L)),
                new EventNotification("me", Map.of("a", 4L)),
                new EventNotification("me", Map.of("c", 0L))), false);

        assertThat(merged.instance()).isEqualTo("me");
        assertThat(merged.aggregates()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 4L, "b", 1L, "c", 0L));
    }

    @Test
    void aCommitTooLargeToNameItsAggregatesMakesTheWholeNoticeEverything() {
        EventNotification merged = sender.merged(List.of(
                new EventNotification("me", Map.of("a", 3L)),
                new EventNotification("me", null)), false);

        assertThat(merged.everything()).isTrue();
    }

    @Test
    void noticesDroppedWhileTheQueueWasFullMakeTheNextNoticeEverything() {
        EventNotification merged = sender.merged(List.of(new EventNotification("me", Map.of("a", 3L))), true);

        assertThat(merged.everything()).isTrue();
    }
}
