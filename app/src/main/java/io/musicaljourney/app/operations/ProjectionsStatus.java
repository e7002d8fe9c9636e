package io.musicaljourney.app.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code GET /admin/projections} shows: every event processor of the deployment (the ones running here and
 * the ones whose tokens are in the database, such as a rebuild running on another instance), its position per
 * segment and overall, the head of the event store, the lag in events, whether it is replaying, its errors (for
 * the segments claimed here) and its dead letters; and the rebuild's progress.
 *
 * <p>Positions come from this instance's trackers for the segments it has claimed (they are ahead of the stored
 * token by at most a batch) and from {@code token_entry} for the others. "Replaying" is decided by positions: a
 * replay token below the position it was reset at, or a rebuild's shadow that has not reached the head.
 */
@Component
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class ProjectionsStatus {

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilder rebuilder;
    private final ProcessorTokens tokens;

    public ProjectionsStatus(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                             ProjectionRebuilder rebuilder, Serializer serializer) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.rebuilder = rebuilder;
        this.tokens = new ProcessorTokens(jdbc, serializer);
    }

    public Map<String, Object> status() {
        Long headValue = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long head = headValue == null ? -1 : headValue;
        Map<String, List<ProcessorTokens.Row>> rows = tokens.all().stream()
                .collect(Collectors.groupingBy(ProcessorTokens.Row::processor, TreeMap::new, Collectors.toList()));
        Map<String, EventProcessor> local = new LinkedHashMap<>(processing.eventProcessors());
        rebuilder.localShadow().ifPresent(shadow -> local.put(shadow.getName(), shadow));
        Map<String, long[]> deadLetters = new HashMap<>();
        jdbc.query("SELECT processing_group, count(*), count(DISTINCT sequence_identifier) FROM dead_letter_entry "
                + "GROUP BY processing_group", result -> {
            deadLetters.put(result.getString(1), new long[]{result.getLong(2), result.getLong(3)});
        });
        Set<String> names = new LinkedHashSet<>(local.keySet());
        names.addAll(rows.keySet());

        List<Map<String, Object>> processors = new ArrayList<>();
        for (String name : names) {
            processors.add(processor(name, Optional.ofNullable(local.get(name)), rows.getOrDefault(name, List.of()),
                    head, deadLetters.getOrDefault(name, new long[]{0, 0})));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("head", head);
        status.put("processors", processors);
        status.put("rebuild", rebuilder.status().orElse(null));
        return status;
    }

    private Map<String, Object> processor(String name, Optional<EventProcessor> local, List<ProcessorTokens.Row> rows,
                                          long head, long[] deadLetters) {
        Map<Integer, EventTrackerStatus> claimedHere = local
                .filter(StreamingEventProcessor.class::isInstance)
                .map(processor -> ((StreamingEventProcessor) processor).processingStatus())
                .orElse(Map.of());
        List<Map<String, Object>> segments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
        long highest = -1;
        boolean replaying = false;
        for (ProcessorTokens.Row row : rows) {
            EventTrackerStatus tracker = claimedHere.get(row.segment());
            long position = row.position();
            if (tracker != null && tracker.getCurrentPosition().isPresent()) {
                position = Math.max(position, tracker.getCurrentPosition().getAsLong());
            }
            lowest = Math.min(lowest, position);
            highest = Math.max(highest, position);
            replaying |= row.replaying() && (tracker == null || tracker.getResetPosition().isEmpty()
                    || position < tracker.getResetPosition().getAsLong());
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("segment", row.segment());
            segment.put("position", position);
            segment.put("owner", row.owner());
            segment.put("claimedHere", tracker != null);
            if (tracker != null && tracker.isErrorState()) {
                String error = String.valueOf(tracker.getError());
                segment.put("error", error);
                errors.add("segment " + row.segment() + ": " + error);
            }
            segments.add(segment);
        }
        if (rows.isEmpty()) {
            lowest = -1;
        }
        long lag = lag(lowest, head);
        boolean shadow = ProjectionRebuilder.SHADOW_PROCESSOR.equals(name);
        Map<String, Object> processor = new LinkedHashMap<>();
        processor.put("name", name);
        processor.put("rebuildOf", shadow ? ProjectionRebuilder.PROJECTION : null);
        processor.put("runningHere", local.map(EventProcessor::isRunning).orElse(false));
        processor.put("position", lowest);
        processor.put("highestSegmentPosition", highest);
        processor.put("head", head);
        processor.put("lag", lag);
        processor.put("replaying", replaying || (shadow && lag > 0));
        processor.put("errors", errors);
        processor.put("deadLetters", deadLetters[0]);
        processor.put("deadLetterSequences", deadLetters[1]);
        processor.put("segments", segments);
        return processor;
    }

    /** Events after the lowest position: exact (a range count on the primary key), gaps in the index excluded. */
    private long lag(long position, long head) {
        if (position >= head) {
            return 0;
        }
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?",
                Long.class, position);
        return count == null ? 0 : count;
    }
}
