package io.musicaljourney.query.audit.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash chain over a journey's stored events: each link is SHA-256 over the previous link and every column of
 * the stored event row, so the writer (the event store's append, in the app) and the verifier (the audit) compute
 * exactly the same bytes. Fields are length-prefixed, so that no two different rows can hash the same input by
 * shifting bytes from one field into the next.
 */
public final class EventChain {

    /** The link before a journey's first chained event. */
    public static final byte[] GENESIS = new byte[32];

    /**
     * One digest per thread: {@code MessageDigest.getInstance} walks the security providers on every call, a link per
     * stored event on the command path and per verified event in an audit. Reset before use, so that a link that
     * failed half-way leaves nothing behind for the next.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventChain::sha256);

    private EventChain() {
    }

    /**
     * A stored event row as the chain sees it.
     *
     * @param timestamp the {@code time_stamp} column's text, as stored
     */
    public record ChainedEvent(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                               String timestamp, String payloadType, String payloadRevision, byte[] payload,
                               byte[] metaData) {
    }

    public static byte[] link(byte[] previous, ChainedEvent event) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        sha256.update(previous);
        text(sha256, event.eventIdentifier());
        text(sha256, event.aggregateIdentifier());
        text(sha256, Long.toString(event.sequenceNumber()));
        text(sha256, event.type());
        text(sha256, event.timestamp());
        text(sha256, event.payloadType());
        text(sha256, event.payloadRevision());
        bytes(sha256, event.payload());
        bytes(sha256, event.metaData());
        return sha256.digest();
    }

    private static void text(MessageDigest digest, String value) {
        bytes(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A null column hashes differently from an empty one: its length is -1. */
    private static void bytes(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
