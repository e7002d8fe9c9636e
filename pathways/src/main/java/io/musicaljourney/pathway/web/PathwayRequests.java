package io.musicaljourney.pathway.web;

import java.util.List;

/** Request bodies of the exploration routes, as the frontend sends them. */
public final class PathwayRequests {

    private PathwayRequests() {
    }

    public record GeneratePathwaysRequest(String nodeType, String nodeId, String nodeName, Context context) {
    }

    public record Context(List<PreviousNode> previousNodes) {
    }

    public record PreviousNode(String name, String nodeName) {

        String label() {
            return name != null && !name.isBlank() ? name : nodeName;
        }
    }

    public record GenerateNarrativeRequest(NodeBody fromNode, NodeBody toNode, String connectionType) {
    }

    /** The frontend has sent both spellings over time: {@code id|nodeId}, {@code name|nodeName}, {@code type|nodeType}. */
    public record NodeBody(String id, String nodeId, String name, String nodeName, String type, String nodeType) {

        String anyId() {
            return first(id, nodeId);
        }

        String anyName() {
            return first(name, nodeName);
        }

        String anyType() {
            return first(type, nodeType);
        }

        private static String first(String a, String b) {
            return a != null && !a.isBlank() ? a.strip() : b != null && !b.isBlank() ? b.strip() : null;
        }
    }
}
