package io.musicaljourney.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One line of a journey's audit, taken from one stored event and the metadata stamped on it.
 *
 * @param action                   {@code shared}, {@code rotated}, {@code revoked} or {@code changed_while_public}
 * @param event                    the event's type, such as {@code NodeVisited}
 * @param by                       the user whose command caused the event
 * @param requestId                the HTTP request that carried the command (also in the service's logs)
 * @param client                   the kind of client that sent it, coarse on purpose (see docs/api.md)
 * @param tokenFingerprint         the fingerprint of the token that works from this event on (shares, rotations)
 *                                 or that stopped working (revocations); never the token
 * @param previousTokenFingerprint for rotations, the token that stopped working
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long sequence, Instant at, String action, String event, String by, String requestId,
                         String client, String tokenFingerprint, String previousTokenFingerprint) {

    public static final String SHARED = "shared";
    public static final String ROTATED = "rotated";
    public static final String REVOKED = "revoked";
    public static final String CHANGED_WHILE_PUBLIC = "changed_while_public";
}
