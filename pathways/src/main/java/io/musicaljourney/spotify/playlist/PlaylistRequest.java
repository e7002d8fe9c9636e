package io.musicaljourney.spotify.playlist;

import java.util.List;

/**
 * The frontend's body for {@code POST /api/spotify/create-playlist}: either the tracks themselves, or a journey
 * whose collected tracks become the playlist.
 */
public record PlaylistRequest(String title, String description, List<String> trackUris, String journeyId) {
}
