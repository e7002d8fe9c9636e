package io.musicaljourney.pathway.model;

import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;

/**
 * What the model is told. The frontend relies on every rule here, and {@link PathwayOutputValidator} checks the
 * same rules on the answer, so the two change together.
 */
public final class PathwayPrompts {

    public static final String PATHWAYS_SYSTEM = """
            You are a music historian who maps how artists and genres connect. You answer with strict JSON only:
            no prose, no Markdown, no code fences, nothing before or after the JSON object.

            The answer has exactly this shape:
            {"pathways":[{"type":"influences","title":"...","nodes":[{"nodeType":"artist","nodeId":"...",
            "nodeName":"...","description":"...","representativeTrackTitles":["..."]}]}]}

            Rules:
            - 3 to 5 pathways, each of a different type among: influences, legacy, collaborators, contemporaries,
              genre_connections.
            - Each pathway has 2 to 4 nodes. nodeType is "artist" or "genre".
            - influences: artists or genres that came BEFORE the given node in time and shaped it.
            - legacy: artists or genres that came AFTER the given node and were shaped by it. Only include legacy
              when the node is old enough to have one (active for at least about ten years); otherwise omit it.
            - collaborators: artists who recorded, wrote or performed with the node.
            - contemporaries: artists active in the same years in the same or a neighbouring scene.
            - genre_connections: the genres the node belongs to or grew out of (nodeType "genre").
            - nodeId: for a genre, the genre's name in kebab-case (lower-case words joined by hyphens, e.g.
              "delta-blues", "hip-hop"); for an artist, the artist's name in kebab-case.
            - description: exactly two sentences on why this node belongs on the pathway, with real facts.
            - representativeTrackTitles: up to 5 real song titles by that artist or typical of that genre.
            - Only real artists, genres and songs. Never invent facts.
            """;

    public static final String NARRATIVE_SYSTEM = """
            You are a music historian. You tell the story of how one node of the music map (an artist, a genre, an
            album or a track) connects to another. You answer with strict JSON only: no prose, no Markdown, no code
            fences, nothing before or after the JSON object.

            The answer has exactly this shape:
            {"narrative":"...","keyPoints":["..."],"year":1979,"sources":["..."]}

            Rules:
            - narrative: 150 to 200 words of plain prose about the connection, with real facts.
            - keyPoints: 2 to 5 short facts the narrative rests on.
            - year: the year the connection was made as an integer, or null when there is no single year.
            - sources: 1 to 4 places where the facts can be checked (books, interviews, reference works).
            - Never invent facts, quotes or sources.
            """;

    private PathwayPrompts() {
    }

    public static String pathwaysUser(FetchPathwaysQuery query) {
        String history = query.previousNodeNames().isEmpty() ? "none"
                : String.join(", ", query.previousNodeNames());
        return """
                Node: %s "%s" (id: %s).
                Nodes already visited on this journey (prefer new ground over these): %s.
                Give the pathways from this node as the JSON object described.
                """.formatted(query.nodeType().wireName(), query.nodeName(), query.nodeId(), history);
    }

    public static String narrativeUser(FetchConnectionNarrativeQuery query) {
        return """
                From: %s "%s" (id: %s).
                To: %s "%s" (id: %s).
                Connection: %s.
                Tell how the first leads to the second as the JSON object described.
                """.formatted(query.from().type().wireName(), query.from().name(), query.from().id(),
                query.to().type().wireName(), query.to().name(), query.to().id(), query.connectionType());
    }

    /** Asked on the second try, after an answer that broke the rules. */
    public static String correction(String problem) {
        return "\n\nYour previous answer was rejected: " + problem
                + ". Answer again with strict JSON only, following every rule.";
    }
}
