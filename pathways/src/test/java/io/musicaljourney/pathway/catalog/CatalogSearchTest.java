package io.musicaljourney.pathway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogSearchTest {

    private static final CatalogSearch SEARCH = new CatalogSearch(new OfflineCatalog());

    @Test
    void theJourneyPagesTitleLookupFindsTheTrackInSpotifysShapeWithCatalogUris() {
        JsonNode result = SEARCH.search("Paranoid Android artist:Radiohead", Set.of("track"), 1);

        JsonNode track = result.get("tracks").get("items").get(0);
        assertThat(track.get("name").asText()).isEqualTo("Paranoid Android");
        assertThat(track.get("uri").asText()).matches("mjc:track:mjc-radiohead:\\d+");
        assertThat(track.get("artists").get(0).get("name").asText()).isEqualTo("Radiohead");
        assertThat(track.get("album").has("name")).isTrue();
        assertThat(track.get("album").get("images").isArray()).isTrue();
        assertThat(result.get("tracks").get("items")).hasSize(1);
    }

    @Test
    void artistsAreFoundByNameIgnoringCaseAccentsAndTheLeadingThe() {
        JsonNode artists = SEARCH.search("beatles", Set.of("artist", "track"), 10).get("artists").get("items");

        assertThat(artists.get(0).get("id").asText()).isEqualTo("mjc-the-beatles");
        assertThat(artists.get(0).get("uri").asText()).isEqualTo("mjc:artist:mjc-the-beatles");
        assertThat(SEARCH.search("rosalia", Set.of("artist"), 5).get("artists").get("items").get(0)
                .get("name").asText()).isEqualTo("Rosalía");
    }

    @Test
    void kindsTheCatalogDoesNotHoldAnswerEmptyPagesAndUnaskedKindsAreLeftOut() {
        JsonNode result = SEARCH.search("blue", Set.of("album", "playlist"), 10);

        assertThat(result.get("albums").get("items")).isEmpty();
        assertThat(result.get("playlists").get("total").asInt()).isZero();
        assertThat(result.has("tracks")).isFalse();
    }
}
