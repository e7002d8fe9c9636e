package io.musicaljourney.app.operations;

import io.musicaljourney.common.UserId;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter queues of the processing groups: {@code GET /admin/dead-letters} lists every parked event
 * (processing group, sequence, its place in the sequence, event type, cause, enqueued and last touched times);
 * {@code POST /admin/dead-letters/{group}/retry} hands every sequence once more to the group's handlers (a sequence
 * that fails again stays, with its cause updated); {@code DELETE /admin/dead-letters/{group}/{sequenceId}} evicts
 * a sequence for good (its events stay missing from the read model until a rebuild). Same access rule as the other
 * admin routes. Retry and evict answer 409 for the group being rebuilt: the switch replaces its dead letters.
 */
@Hidden
@RestController
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class DeadLetterAdminController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdminController.class);

    private final AdminAccess access;
    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilder rebuilder;
    private final JdbcTemplate jdbc;

    public DeadLetterAdminController(AdminAccess access, EventProcessingConfiguration processing,
                                     ProjectionRebuilder rebuilder, JdbcTemplate jdbc) {
        this.access = access;
        this.processing = processing;
        this.rebuilder = rebuilder;
        this.jdbc = jdbc;
    }

    @RequestMapping("/admin/dead-letters")
    ResponseEntity<Object> list(@RequestParam(required = false) String group, UserId user,
                                HttpServletRequest request) {
        if (!access.allowed(user) || !"GET".equals(request.getMethod())) {
            return AdminAccess.notFound();
        }
        List<Map<String, Object>> letters = jdbc.query("""
                SELECT processing_group, sequence_identifier, sequence_index, payload_type, event_identifier,
                       aggregate_identifier, sequence_number, cause_type, cause_message, enqueued_at, last_touched
                FROM dead_letter_entry WHERE (CAST(? AS VARCHAR) IS NULL OR processing_group = ?)
                ORDER BY processing_group, sequence_identifier, sequence_index
                """, (rows, n) -> {
            Map<String, Object> letter = new LinkedHashMap<>();
            letter.put("processingGroup", rows.getString("processing_group"));
            letter.put("sequenceIdentifier", rows.getString("sequence_identifier"));
            letter.put("sequenceIndex", rows.getLong("sequence_index"));
            letter.put("eventType", rows.getString("payload_type"));
            letter.put("eventIdentifier", rows.getString("event_identifier"));
            letter.put("aggregateIdentifier", rows.getString("aggregate_identifier"));
            letter.put("aggregateSequenceNumber", rows.getObject("sequence_number"));
            letter.put("causeType", rows.getString("cause_type"));
            letter.put("causeMessage", rows.getString("cause_message"));
            letter.put("enqueuedAt", rows.getString("enqueued_at"));
            letter.put("lastTouched", rows.getString("last_touched"));
            return letter;
        }, group, group);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", letters.size());
        body.put("deadLetters", letters);
        return ResponseEntity.ok(body);
    }

    @RequestMapping("/admin/dead-letters/{group}/retry")
    ResponseEntity<Object> retry(@PathVariable String group, UserId user, HttpServletRequest request) {
        if (!access.allowed(user) || !"POST".equals(request.getMethod())) {
            return AdminAccess.notFound();
        }
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor =
                processing.sequencedDeadLetterProcessor(group);
        if (queue.isEmpty() || processor.isEmpty()) {
            return AdminAccess.error(HttpStatus.NOT_FOUND, "No dead-letter queue for processing group " + group);
        }
        if (rebuilding(group)) {
            return AdminAccess.error(HttpStatus.CONFLICT, "A rebuild of " + group + " is running");
        }
        long sequences = queue.get().amountOfSequences();
        int succeeded = 0;
        // Each attempt takes the sequence touched longest ago, so a sequence that fails again goes to the back.
        for (long attempt = 0; attempt < sequences; attempt++) {
            if (processor.get().processAny()) {
                succeeded++;
            }
        }
        long left = queue.get().amountOfSequences();
        log.info("Dead letters of {} retried by {}: {} of {} sequences processed, {} left", group, user, succeeded,
                sequences, left);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processingGroup", group);
        body.put("sequencesRetried", sequences);
        body.put("sequencesProcessed", succeeded);
        body.put("sequencesLeft", left);
        body.put("deadLettersLeft", queue.get().size());
        return ResponseEntity.ok(body);
    }

    @RequestMapping("/admin/dead-letters/{group}/{sequenceId}")
    ResponseEntity<Object> evict(@PathVariable String group, @PathVariable String sequenceId, UserId user,
                                 HttpServletRequest request) {
        if (!access.allowed(user) || !"DELETE".equals(request.getMethod())) {
            return AdminAccess.notFound();
        }
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
        if (queue.isEmpty()) {
            return AdminAccess.error(HttpStatus.NOT_FOUND, "No dead-letter queue for processing group " + group);
        }
        if (rebuilding(group)) {
            return AdminAccess.error(HttpStatus.CONFLICT, "A rebuild of " + group + " is running");
        }
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.get().deadLetterSequence(sequenceId).forEach(letters::add);
        if (letters.isEmpty()) {
            return AdminAccess.error(HttpStatus.NOT_FOUND, "No dead letters in sequence " + sequenceId);
        }
        letters.forEach(letter -> queue.get().evict(letter));
        log.warn("Dead-letter sequence {} of {} ({} events) evicted by {}", sequenceId, group, letters.size(), user);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processingGroup", group);
        body.put("sequenceIdentifier", sequenceId);
        body.put("evicted", letters.size());
        return ResponseEntity.ok(body);
    }

    private boolean rebuilding(String group) {
        return rebuilder.rebuilds(group) && rebuilder.running();
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> hide(RuntimeException failure) {
        log.info("Admin route answered as unknown after {}", failure.toString());
        return AdminAccess.notFound();
    }
}
