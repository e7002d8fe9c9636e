package io.musicaljourney.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of recomputing a journey's hash chain.
 *
 * @param intact          true when every chained event still hashes to its stored link
 * @param eventsChecked   the events whose link was recomputed
 * @param headHash        the newest link (hex); an auditor who keeps it can later tell that nothing up to it changed
 * @param brokenAt        where the chain first breaks; absent when intact
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(String journeyId, boolean intact, long eventsChecked, String headHash,
                                ChainBreak brokenAt) {

    /**
     * @param sequence the sequence number of the first event whose link does not hold
     * @param reason   {@code hash_mismatch} (the event, or the link before it, was changed), {@code link_missing}
     *                 (an event without a link: added behind the service's back, or its link removed) or {@code event_missing} (a link, or a
     *                 sequence number, without its event)
     */
    public record ChainBreak(long sequence, String reason, String detail) {
        public static final String HASH_MISMATCH = "hash_mismatch";
        public static final String LINK_MISSING = "link_missing";
        public static final String EVENT_MISSING = "event_missing";
    }
}
