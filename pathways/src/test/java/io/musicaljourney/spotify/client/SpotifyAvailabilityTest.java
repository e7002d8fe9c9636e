package io.musicaljourney.spotify.client;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class SpotifyAvailabilityTest {

    @Test
    void spotifyIdentitiesMeanSpotifyIsUsed() {
        assertThat(SpotifyAvailability.from(null, new MockEnvironment().withProperty("journey.auth.mode", "spotify"))
                .enabled()).isTrue();
    }

    @Test
    void localIdentitiesCarryNoSpotifyTokenSoSpotifyIsNotUsed() {
        assertThat(SpotifyAvailability.from(null, new MockEnvironment().withProperty("journey.auth.mode", "local")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/journeys")).enabled()).isFalse();
    }

    @Test
    void automaticIdentitiesUseSpotifyExactlyWhenADatabaseIsConfigured() {
        assertThat(SpotifyAvailability.from(null, new MockEnvironment()).enabled()).as("embedded default").isFalse();
        assertThat(SpotifyAvailability.from(null, new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/journeys")).enabled()).isTrue();
    }

    @Test
    void anExplicitSettingWinsOverTheIdentityMode() {
        assertThat(SpotifyAvailability.from(false, new MockEnvironment().withProperty("journey.auth.mode", "spotify"))
                .enabled()).isFalse();
        assertThat(SpotifyAvailability.from(true, new MockEnvironment().withProperty("journey.auth.mode", "local"))
                .enabled()).isTrue();
    }
}
