package io.musicaljourney.query.audit.handler;

import io.musicaljourney.audit.query.AuditEntry;
import io.musicaljourney.audit.query.SharePeriod;
import io.musicaljourney.journey.event.JourneyDeletedEvent;
import io.musicaljourney.sharing.event.JourneySharedEvent;
import io.musicaljourney.sharing.event.JourneyUnsharedEvent;
import io.musicaljourney.sharing.event.ShareTokenRotatedEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.musicaljourney.query.history.StoredEvents.CLIENT;
import static io.musicaljourney.query.history.StoredEvents.REQUEST_ID;
import static io.musicaljourney.query.history.StoredEvents.USER_ID;
import static io.musicaljourney.query.history.StoredEvents.metadata;
import static io.musicaljourney.query.history.StoredEvents.typeOf;

/**
 * Folds a journey's events, oldest first, into its sharing audit: the sharing actions, the changes made while a
 * link worked, and one period per token. Tokens appear only as fingerprints.
 */
final class SharingTrail {

    private final List<AuditEntry> entries = new ArrayList<>();
    private final List<Period> periods = new ArrayList<>();
    private Period open;

    private static final class Period {
        final String tokenFingerprint;
        final Instant from;
        final String sharedBy;
        Instant until;
        String endedBy;
        String endedHow;
        int changes;

        Period(String tokenFingerprint, Instant from, String sharedBy) {
            this.tokenFingerprint = tokenFingerprint;
            this.from = from;
            this.sharedBy = sharedBy;
        }
    }

    void apply(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof JourneySharedEvent shared) {
            String fingerprint = shared.shareToken().fingerprint();
            entries.add(entry(event, AuditEntry.SHARED, fingerprint, null));
            begin(event, fingerprint);
        } else if (payload instanceof ShareTokenRotatedEvent rotated) {
            String previous = open == null ? null : open.tokenFingerprint;
            String fingerprint = rotated.shareToken().fingerprint();
            entries.add(entry(event, AuditEntry.ROTATED, fingerprint, previous));
            end(event, AuditEntry.ROTATED);
            begin(event, fingerprint);
        } else if (payload instanceof JourneyUnsharedEvent) {
            entries.add(entry(event, AuditEntry.REVOKED, open == null ? null : open.tokenFingerprint, null));
            end(event, AuditEntry.REVOKED);
        } else if (open != null) {
            entries.add(entry(event, AuditEntry.CHANGED_WHILE_PUBLIC, null, null));
            open.changes++;
            if (payload instanceof JourneyDeletedEvent) {
                end(event, "deleted");
            }
        }
    }

    boolean shared() {
        return open != null;
    }

    List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    List<SharePeriod> periods(Map<String, Long> opensByFingerprint) {
        return periods.stream()
                .map(period -> new SharePeriod(period.tokenFingerprint, period.from, period.sharedBy, period.until,
                        period.endedBy, period.endedHow, period.changes,
                        opensByFingerprint.getOrDefault(period.tokenFingerprint, 0L)))
                .toList();
    }

    private void begin(DomainEventMessage<?> event, String fingerprint) {
        open = new Period(fingerprint, event.getTimestamp(), metadata(event, USER_ID));
        periods.add(open);
    }

    private void end(DomainEventMessage<?> event, String how) {
        if (open != null) {
            open.until = event.getTimestamp();
            open.endedBy = metadata(event, USER_ID);
            open.endedHow = how;
            open = null;
        }
    }

    private static AuditEntry entry(DomainEventMessage<?> event, String action, String fingerprint,
                                    String previousFingerprint) {
        return new AuditEntry(event.getSequenceNumber(), event.getTimestamp(), action,
                typeOf(event), metadata(event, USER_ID), metadata(event, REQUEST_ID),
                metadata(event, CLIENT), fingerprint, previousFingerprint);
    }
}
