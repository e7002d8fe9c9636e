package io.musicaljourney.app.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.app.identity.AuthenticationFailedException;
import io.musicaljourney.app.identity.IdentityResolver;
import io.musicaljourney.app.idempotency.IdempotencyKeyStore.Claim;
import io.musicaljourney.app.idempotency.IdempotencyKeyStore.InProgress;
import io.musicaljourney.app.idempotency.IdempotencyKeyStore.Mismatch;
import io.musicaljourney.app.idempotency.IdempotencyKeyStore.Replay;
import io.musicaljourney.app.web.FilterProblems;
import io.musicaljourney.app.web.limits.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on the journey command routes that POST ({@code /api/journeys/**}) and on the playlist
 * export ({@code POST /api/spotify/create-playlist}): a client that did
 * not hear the answer sends the same request with the same key again and gets the first answer (status, body,
 * {@code ETag}) with {@code Idempotent-Replayed: true}, while nothing is appended twice. Keys belong to the user:
 * the same key of two users are two keys. The same key with another request (method, path, {@code If-Match} or
 * body) is a 422; the same request while the first is still running is a 409 with {@code Retry-After}.
 *
 * <p>Only results that answer the request for good are kept: 2xx and the 4xx a retry would get again. A 5xx, a
 * 409 (a concurrent change: retry) or a 429 frees the key, so the retry runs. A request without the header, or
 * whose bearer cannot be resolved (answered 401 by the route), passes through untouched.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern USABLE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String BEARER = "Bearer ";
    /** Not a journey command, but a POST that creates something: a second playlist is as unwelcome as a journey. */
    private static final String PLAYLISTS = "/api/spotify/create-playlist";
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.LOCATION);

    private final IdempotencyKeyStore keys;
    private final IdentityResolver identities;
    private final ObjectMapper json;

    public IdempotencyFilter(IdempotencyKeyStore keys, IdentityResolver identities, ObjectMapper json) {
        this.keys = keys;
        this.identities = identities;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null || !covers(path);
    }

    /** The POST routes whose requests may carry a key. */
    static boolean covers(String path) {
        return path.equals("/api/journeys") || path.startsWith("/api/journeys/") || path.equals(PLAYLISTS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!USABLE_KEY.matcher(key).matches()) {
            FilterProblems.write(json, request, response, HttpStatus.BAD_REQUEST,
                    HEADER + " must be 1 to 255 visible ASCII characters");
            return;
        }
        String user = user(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        Claim claim;
        try {
            claim = keys.claim(user, key, fingerprint(request));
        } catch (DataAccessResourceFailureException | TransientDataAccessException unreachable) {
            // As DatabaseUnavailableHandler answers the routes themselves: an outage to wait out, nothing changed.
            log.warn("Database unavailable for an idempotency key, answering 503: {}", unreachable.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            FilterProblems.write(json, request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The database is unavailable; nothing was changed, try again shortly");
            return;
        }
        if (claim instanceof Replay replay) {
            replay(replay, response);
        } else if (claim instanceof InProgress) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            FilterProblems.write(json, request, response, HttpStatus.CONFLICT,
                    "A request with this " + HEADER + " is still in progress; retry shortly");
        } else if (claim instanceof Mismatch) {
            FilterProblems.write(json, request, response, HttpStatus.UNPROCESSABLE_ENTITY,
                    "This " + HEADER + " was already used for a different request");
        } else {
            execute(request, response, chain, user, key);
        }
    }

    private void execute(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String user,
                         String key) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (ServletException | IOException | RuntimeException failure) {
            forget(user, key);
            captured.copyBodyToResponse();
            throw failure;
        }
        int status = captured.getStatus();
        try {
            if (worthReplaying(status)) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (String name : REPLAYED_HEADERS) {
                    String value = captured.getHeader(name);
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
                keys.complete(user, key, status, headers, captured.getContentAsByteArray());
            } else {
                keys.release(user, key);
            }
        } catch (RuntimeException unrecorded) {
            // The request has run and its answer goes out; the key stays "in progress" until the lock timeout, after
            // which a retry runs again (for most commands a no-op: a repeated visit or track changes nothing).
            log.warn("Result for an idempotency key not recorded: {}", unrecorded.toString());
        } finally {
            captured.copyBodyToResponse();
        }
    }

    private void forget(String user, String key) {
        try {
            keys.release(user, key);
        } catch (RuntimeException unreleased) {
            log.warn("Idempotency key not released; the lock timeout frees it: {}", unreleased.toString());
        }
    }

    private static boolean worthReplaying(int status) {
        return status < 500 && status != 409 && status != 429 && status != 401 && status != 503;
    }

    private static void replay(Replay replay, HttpServletResponse response) throws IOException {
        response.setStatus(replay.status());
        replay.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        response.getOutputStream().write(replay.body() == null ? new byte[0] : replay.body());
    }

    /** As the routes resolve it ({@code BearerUserArgumentResolver}); null when they would answer 401 or 503. */
    private String user(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return null;
        }
        try {
            return identities.resolve(token).value();
        } catch (AuthenticationFailedException unusable) {
            return null;
        }
    }

    /** The request as far as it can differ: method, path with query, the version it expects, and the body. */
    private static String fingerprint(HttpServletRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString())
                    + "\nIf-Match: " + request.getHeader(HttpHeaders.IF_MATCH) + "\n";
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            byte[] body = CachedBodyRequest.bodyOf(request);
            digest.update(body == null ? new byte[0] : body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
