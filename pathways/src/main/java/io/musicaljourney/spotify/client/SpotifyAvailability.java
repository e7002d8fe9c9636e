package io.musicaljourney.spotify.client;

import org.springframework.core.env.Environment;

/**
 * Whether this instance talks to Spotify at all. {@code journey.spotify.enabled} decides when set; otherwise
 * Spotify is on unless identities are local, because in local mode the bearer is a plain user id, not a Spotify
 * token, so there is nothing to call Spotify with (search then answers from the offline catalog).
 *
 * <p>The {@code auto} rule repeats the app's identity choice (local exactly when no database URL is configured)
 * because this module cannot see the app's classes; keep the two in step.
 */
public record SpotifyAvailability(boolean enabled) {

    public static SpotifyAvailability from(Boolean enabled, Environment environment) {
        if (enabled != null) {
            return new SpotifyAvailability(enabled);
        }
        String mode = environment.getProperty("journey.auth.mode", "auto");
        return new SpotifyAvailability(switch (mode) {
            case "local" -> false;
            case "auto" -> {
                String url = environment.getProperty("spring.datasource.url");
                yield url != null && !url.isBlank();
            }
            default -> true;
        });
    }
}
