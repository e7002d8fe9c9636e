package io.musicaljourney.app.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.musicaljourney.common.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Production identity: the bearer is a Spotify access token and the user is Spotify's {@code /v1/me} id. Answers
 * are cached briefly under a hash of the token (never the token itself) so that a page of requests costs one call;
 * when Spotify cannot be asked, the request is refused rather than trusted.
 */
public class SpotifyIdentityResolver implements IdentityResolver {

    private static final Logger log = LoggerFactory.getLogger(SpotifyIdentityResolver.class);

    private final RestClient spotify;
    private final ObjectMapper objectMapper;
    private final Cache<String, UserId> identities;

    public SpotifyIdentityResolver(RestClient spotify, ObjectMapper objectMapper, Duration cacheTtl) {
        this.spotify = spotify;
        this.objectMapper = objectMapper;
        this.identities = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(100_000).build();
    }

    @Override
    public UserId resolve(String bearerToken) {
        return identities.get(fingerprint(bearerToken), ignored -> askSpotify(bearerToken));
    }

    private UserId askSpotify(String bearerToken) {
        try {
            JsonNode me = spotify.get().uri("/v1/me")
                    .header("Authorization", "Bearer " + bearerToken)
                    .exchange((request, response) -> {
                        byte[] body = response.getBody().readAllBytes();
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return objectMapper.readTree(body);
                        }
                        throw rejected(response.getStatusCode(), body);
                    });
            JsonNode id = me == null ? null : me.get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw unavailable("Spotify answered without a user id");
            }
            return new UserId(id.asText());
        } catch (ResourceAccessException unreachable) {
            throw unavailable(unreachable.getMessage());
        }
    }

    private AuthenticationFailedException rejected(HttpStatusCode status, byte[] body) {
        if (status.is5xxServerError() || status.value() == 429) {
            return unavailable("Spotify answered " + status.value());
        }
        return new AuthenticationFailedException(status, spotifyMessage(body, status));
    }

    /** Spotify's errors look like {@code {"error":{"status":401,"message":"Invalid access token"}}}. */
    private String spotifyMessage(byte[] body, HttpStatusCode status) {
        try {
            JsonNode message = objectMapper.readTree(body).path("error").path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return message.asText();
            }
        } catch (Exception unreadable) {
            // Spotify's body is not JSON: fall back to a generic message below
        }
        return "Spotify rejected the access token (" + status.value() + ")";
    }

    private static AuthenticationFailedException unavailable(String reason) {
        log.warn("Cannot verify a Spotify access token: {}", reason);
        return new AuthenticationFailedException(HttpStatus.SERVICE_UNAVAILABLE,
                "Identity provider unavailable, try again shortly");
    }

    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
