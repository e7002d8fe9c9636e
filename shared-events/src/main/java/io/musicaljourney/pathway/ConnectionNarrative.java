package io.musicaljourney.pathway;

import java.util.List;

/**
 * The story of how one node connects to another (150 to 200 words), with the facts it rests on.
 *
 * @param year    the year the connection was made, when there is one
 * @param sources where the facts can be checked
 */
public record ConnectionNarrative(String narrative, List<String> keyPoints, Integer year, List<String> sources) {

    public ConnectionNarrative {
        keyPoints = keyPoints == null ? List.of() : List.copyOf(keyPoints);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
