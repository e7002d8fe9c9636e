package io.musicaljourney.pathway.query;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.NodeRef;

/**
 * The story of how {@code from} connects to {@code to}; answers {@code ConnectionNarrative}.
 *
 * @param connectionType a pathway type name or any other word for the connection ({@code related} by default)
 * @param requestedBy    when set, the call counts against this user's rate limit (a model call costs money);
 *                       callers that apply the limit themselves leave it null
 */
public record FetchConnectionNarrativeQuery(NodeRef from, NodeRef to, String connectionType, UserId requestedBy) {

    public FetchConnectionNarrativeQuery(NodeRef from, NodeRef to, String connectionType) {
        this(from, to, connectionType, null);
    }
}
