package io.musicaljourney.pathway.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyLimits;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import io.musicaljourney.pathway.ratelimit.RateLimiter;
import io.musicaljourney.pathway.service.PathwayService;
import io.musicaljourney.pathway.web.PathwayRequests.GenerateNarrativeRequest;
import io.musicaljourney.pathway.web.PathwayRequests.GeneratePathwaysRequest;
import io.musicaljourney.pathway.web.PathwayRequests.NodeBody;
import io.musicaljourney.pathway.web.PathwayRequests.PreviousNode;
import io.musicaljourney.pathway.web.PathwayResponses.PathwaysBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The exploration routes: the frontend's {@code /api/ai/...} pair exactly as its contract says, and
 * {@code GET /api/pathways/...} for our own clients. Every call counts against the caller's rate limit (the user,
 * or the client address where the route allows no bearer), cached answers included: the limit protects the model
 * from callers, not from cache misses.
 */
@RestController
@Tag(name = "Pathways")
public class PathwayController {

    private static final Logger log = LoggerFactory.getLogger(PathwayController.class);
    static final String PATHWAYS_REQUIRED = "nodeType, nodeId, and nodeName are required";
    static final String NODES_REQUIRED = "fromNode and toNode are required";
    static final String PATHWAYS_FAILED = "Failed to generate pathways";
    static final String NARRATIVE_FAILED = "Failed to generate narrative";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private final PathwayService service;
    private final RateLimiter rateLimiter;
    private final RenderedPathways rendered;

    public PathwayController(PathwayService service, RateLimiter rateLimiter, RenderedPathways rendered) {
        this.service = service;
        this.rateLimiter = rateLimiter;
        this.rendered = rendered;
    }

    @Operation(summary = "Next nodes from a node (frontend route)",
            description = "3 to 5 pathways (influences, legacy, collaborators, contemporaries, genre_connections) of"
                    + " 2 to 4 nodes. Cached per (nodeType, nodeId); the visited history never changes the answer"
                    + " of a cached node. 429 with X-RateLimit-Remaining/X-RateLimit-Reset when over the limit.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PathwaysBody.class)))
    @PostMapping("/api/ai/generate-pathways")
    public ResponseEntity<RenderedPathways.Body> generatePathways(@Parameter(hidden = true) UserId user,
                                                         @RequestBody(required = false)
                                                         GeneratePathwaysRequest request) {
        if (request == null || blank(request.nodeType()) || blank(request.nodeId()) || blank(request.nodeName())) {
            throw badRequest(PATHWAYS_REQUIRED);
        }
        NodeType type = nodeType(request.nodeType());
        requireUsableId(request.nodeId());
        List<String> history = request.context() == null || request.context().previousNodes() == null ? List.of()
                : request.context().previousNodes().stream().filter(Objects::nonNull).map(PreviousNode::label)
                .filter(name -> !blank(name)).toList();
        HttpHeaders headers = limit("user:" + user.value());
        Pathways pathways = generate(PATHWAYS_FAILED, () -> service.pathways(
                new FetchPathwaysQuery(type, request.nodeId().strip(), request.nodeName().strip(), history)));
        return ResponseEntity.ok().headers(headers).body(rendered.of(pathways));
    }

    @Operation(summary = "The story of a connection between two nodes (frontend route)",
            description = "150 to 200 words, key points, the year and sources. Cached per (fromId, toId, type).")
    @PostMapping("/api/ai/generate-narrative")
    public ResponseEntity<ConnectionNarrative> generateNarrative(@Parameter(hidden = true) UserId user,
                                                                 @RequestBody(required = false)
                                                                 GenerateNarrativeRequest request) {
        if (request == null || incomplete(request.fromNode()) || incomplete(request.toNode())) {
            throw badRequest(NODES_REQUIRED);
        }
        requireUsableId(request.fromNode().anyId());
        requireUsableId(request.toNode().anyId());
        NodeRef from = node(request.fromNode());
        NodeRef to = node(request.toNode());
        HttpHeaders headers = limit("user:" + user.value());
        ConnectionNarrative narrative = generate(NARRATIVE_FAILED, () -> service.narrative(
                new FetchConnectionNarrativeQuery(from, to, request.connectionType())));
        return ResponseEntity.ok().headers(headers).body(narrative);
    }

    @Operation(summary = "Next nodes from a node",
            description = "The same answer as POST /api/ai/generate-pathways. A bearer is optional: without one the"
                    + " rate limit applies to the client address.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PathwaysBody.class)))
    @GetMapping("/api/pathways/{nodeType}/{nodeId}")
    public ResponseEntity<RenderedPathways.Body> pathways(@Parameter(hidden = true) Optional<UserId> user,
                                                 @PathVariable String nodeType, @PathVariable String nodeId,
                                                 @RequestParam(required = false) String name,
                                                 HttpServletRequest http) {
        NodeType type = nodeType(nodeType);
        if (blank(nodeId)) {
            throw badRequest(PATHWAYS_REQUIRED);
        }
        requireUsableId(nodeId);
        HttpHeaders headers = limit(user.map(u -> "user:" + u.value()).orElseGet(() -> "ip:" + http.getRemoteAddr()));
        String nodeName = blank(name) ? nodeId : name.strip();
        Pathways pathways = generate(PATHWAYS_FAILED,
                () -> service.pathways(new FetchPathwaysQuery(type, nodeId.strip(), nodeName, List.of())));
        return ResponseEntity.ok().headers(headers).body(rendered.of(pathways));
    }

    private HttpHeaders limit(String subject) {
        RateLimiter.RateLimitDecision decision = rateLimiter.tryAcquire(subject);
        HttpHeaders headers = new HttpHeaders();
        headers.set(REMAINING, Long.toString(Math.max(0, decision.remaining())));
        headers.set(RESET, Long.toString(decision.resetEpochMillis()));
        if (!decision.allowed()) {
            throw new RateLimitExceededException(headers);
        }
        return headers;
    }

    /** Whatever went wrong upstream, the frontend gets the contract's message; the cause goes to the log. */
    private <T> T generate(String failure, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResponseStatusException status) {
            throw status;
        } catch (RuntimeException cause) {
            log.warn("{} ({}): {}", failure, service.providerName(), cause.toString());
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, failure, cause);
        }
    }

    private static NodeRef node(NodeBody body) {
        String type = body.anyType();
        NodeType nodeType = type == null ? NodeType.ARTIST : nodeType(type);
        String name = body.anyName() == null ? body.anyId() : body.anyName();
        return new NodeRef(NodeId.of(body.anyId()), nodeType, name);
    }

    private static boolean incomplete(NodeBody node) {
        return node == null || node.anyId() == null;
    }

    /**
     * Ids become cache keys (Redis and a VARCHAR(500) column) and reach the model's prompt, so they are bounded and
     * hold no control characters, which PostgreSQL refuses (NUL) or which could split a key or a prompt line.
     */
    private static void requireUsableId(String id) {
        if (id.length() > JourneyLimits.MAX_ID_LENGTH) {
            throw badRequest("Node ids are at most " + JourneyLimits.MAX_ID_LENGTH + " characters");
        }
        if (id.codePoints().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff))) {
            throw badRequest("Node ids must not contain control characters");
        }
    }

    private static NodeType nodeType(String value) {
        return NodeType.parse(value.strip().toLowerCase(java.util.Locale.ROOT)).orElseThrow(() ->
                badRequest("nodeType must be one of artist, track, album, genre"));
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
