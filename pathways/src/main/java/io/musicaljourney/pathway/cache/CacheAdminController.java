package io.musicaljourney.pathway.cache;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.NodeType;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operators evict cached entries: {@code DELETE /admin/cache/pathways/{nodeType}/{nodeId}} removes a node's
 * pathways ({@code pathway:{type}:{id}}) from Redis and the table; {@code DELETE /admin/cache/keys/{key}} removes
 * any one cache key of the design document's patterns. Only the user ids listed in {@code journey.admin.user-ids}
 * may; for everybody else (and for any other method or a missing bearer) these routes answer exactly like a route
 * that does not exist, and they are left out of the OpenAPI description.
 */
@Hidden
@RestController
public class CacheAdminController {

    private static final Logger log = LoggerFactory.getLogger(CacheAdminController.class);
    private static final List<String> CACHE_KEY_PREFIXES =
            List.of("pathway:", "narrative:", "spotify:artist:", "spotify:track:");

    private final ExplorationCache cache;
    private final Set<String> admins;

    public CacheAdminController(ExplorationCache cache, @Value("${journey.admin.user-ids:}") List<String> admins) {
        this.cache = cache;
        this.admins = admins.stream().map(String::strip).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
    }

    // Every method is mapped so that GET or POST answer 404 like an unknown path instead of a revealing 405.
    @RequestMapping("/admin/cache/pathways/{nodeType}/{nodeId}")
    ResponseEntity<Object> evictPathways(@PathVariable String nodeType, @PathVariable String nodeId, UserId user,
                                         HttpServletRequest request) {
        if (!allowed(user, request)) {
            return notFound();
        }
        Optional<NodeType> type = NodeType.parse(nodeType);
        if (type.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "nodeType must be one of artist, track, album, genre");
        }
        return evict(CacheEntry.pathway(type.get(), nodeId).key(), user);
    }

    @RequestMapping("/admin/cache/keys/{key}")
    ResponseEntity<Object> evictKey(@PathVariable String key, UserId user, HttpServletRequest request) {
        if (!allowed(user, request)) {
            return notFound();
        }
        if (CACHE_KEY_PREFIXES.stream().noneMatch(key::startsWith)) {
            return error(HttpStatus.BAD_REQUEST, "Cache keys start with one of " + CACHE_KEY_PREFIXES);
        }
        return evict(key, user);
    }

    /**
     * The bearer is resolved before the handler runs; its failures (no bearer 401, identity service 503) would
     * reveal the route, so here they answer as an unknown path. The handlers themselves throw nothing else.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> hide(RuntimeException failure) {
        return notFound();
    }

    private ResponseEntity<Object> evict(String key, UserId user) {
        try {
            cache.evict(key);
        } catch (CacheUnavailableException failure) {
            log.warn("Eviction of {} by {} incomplete: {}", key, user, failure.toString());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "Eviction incomplete; the cache may still hold " + key
                    + ". Retry when Redis and the database are reachable.");
        }
        log.info("Cache key {} evicted by {}", key, user);
        return ResponseEntity.noContent().build();
    }

    private boolean allowed(UserId user, HttpServletRequest request) {
        return "DELETE".equals(request.getMethod()) && admins.contains(user.value());
    }

    private static ResponseEntity<Object> notFound() {
        return error(HttpStatus.NOT_FOUND, "Not found");
    }

    /** The same body as the application's other errors: a problem document carrying the frontend's {@code error}. */
    private static ResponseEntity<Object> error(HttpStatusCode status, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setProperty("error", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
