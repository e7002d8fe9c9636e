package io.musicaljourney.support;

import java.util.HashMap;
import java.util.Map;

/** Request bodies shared by the HTTP tests, shaped as the frontend sends them. */
public final class JourneyRequests {

    public static final String START_ID = "mjc-robert-johnson";

    private JourneyRequests() {
    }

    /** The frontend's create body for a journey that starts at Robert Johnson; mutable, to add options. */
    public static Map<String, Object> create(String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("startingNodeType", "artist");
        body.put("startingNodeId", START_ID);
        body.put("startingNodeName", "Robert Johnson");
        return body;
    }

    public static Map<String, Object> visit(String nodeId, String nodeName, String parentNodeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("nodeId", nodeId);
        body.put("nodeType", "artist");
        body.put("nodeName", nodeName);
        body.put("pathwayType", "influences");
        body.put("parentNodeId", parentNodeId);
        return body;
    }

    public static Map<String, Object> track(String trackId, String trackName, String fromNodeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("trackId", trackId);
        body.put("trackName", trackName);
        body.put("artistName", "Robert Johnson");
        body.put("albumName", "King of the Delta Blues Singers");
        body.put("fromNodeId", fromNodeId);
        return body;
    }
}
