package io.musicaljourney.audit.query;

import java.util.List;

/**
 * Who shared a journey and when, what changed while it was public, and how often its link was opened.
 *
 * @param shared       whether a link works right now
 * @param entries      every sharing action and every change made while a link worked, in the order of the events
 * @param sharePeriods one per token that ever worked, from its share or rotation to the rotation, revocation or
 *                     deletion that ended it (open while it still works)
 * @param linkOpens    how often a link of this journey was opened, counted per day without anything about readers
 */
public record JourneyAudit(String journeyId, boolean shared, List<AuditEntry> entries, List<SharePeriod> sharePeriods,
                           LinkOpens linkOpens) {
}
