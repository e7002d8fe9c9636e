package io.musicaljourney.pathway.query;

import io.musicaljourney.journey.NodeRef;

/**
 * The story of how {@code from} connects to {@code to}; answers {@code ConnectionNarrative}.
 *
 * @param connectionType a pathway type name or any other word for the connection ({@code related} by default)
 */
public record FetchConnectionNarrativeQuery(NodeRef from, NodeRef to, String connectionType) {
}
