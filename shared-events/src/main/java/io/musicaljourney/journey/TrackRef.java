package io.musicaljourney.journey;

import java.util.Objects;

/** A track as collected on a journey; album and preview are optional. */
public record TrackRef(TrackId id, String name, String artistName, String albumName, String previewUrl) {

    public TrackRef {
        Objects.requireNonNull(id, "track id");
        Objects.requireNonNull(name, "track name");
    }
}
