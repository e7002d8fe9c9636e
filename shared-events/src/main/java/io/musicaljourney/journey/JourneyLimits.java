package io.musicaljourney.journey;

/**
 * The documented size limits of a journey (docs/api.md). They keep one journey's event stream, its projected row
 * and its JSON responses bounded, and they are checked by the aggregate, so they hold whatever route is used.
 */
public final class JourneyLimits {

    public static final int MAX_NODES = 2_000;
    public static final int MAX_TRACKS = 2_000;
    public static final int MAX_NARRATIVES = 2_000;
    /** The {@code journeys} columns for names and titles are VARCHAR(255). */
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_TITLE_LENGTH = 255;
    public static final int MAX_ID_LENGTH = 255;
    public static final int MAX_NARRATIVE_LENGTH = 8_000;
    public static final int MAX_URL_LENGTH = 2_048;
    /** Serialized size of the extra fields a client may attach to one node or track. */
    public static final int MAX_ATTRIBUTES_CHARS = 8_192;
    /** Serialized size of the client's graph drawing. */
    public static final int MAX_GRAPH_CHARS = 1_000_000;

    private JourneyLimits() {
    }
}
