package io.musicaljourney.support;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the operators' {@code GET /admin/projections} answer. */
public final class ProjectionStatus {

    private ProjectionStatus() {
    }

    /** One processor's entry in the status. */
    public static JsonNode processor(JsonNode status, String name) {
        for (JsonNode processor : status.get("processors")) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("No processor " + name + " in " + status);
    }
}
