package io.musicaljourney.command.sharing.token;

import io.musicaljourney.sharing.ShareToken;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecureRandomShareTokenGeneratorTest {

    private final SecureRandomShareTokenGenerator generator = new SecureRandomShareTokenGenerator();

    @Test
    void aTokenCarriesAtLeast128RandomBits() {
        assertThat(SecureRandomShareTokenGenerator.TOKEN_BYTES * 8).isGreaterThanOrEqualTo(128);
        byte[] decoded = Base64.getUrlDecoder().decode(generator.next().value());
        assertThat(decoded).hasSize(SecureRandomShareTokenGenerator.TOKEN_BYTES);
        assertThat(decoded.length * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void aTokenIsBase64UrlWithoutPaddingLikeTheOriginalBackendsTokens() {
        for (int i = 0; i < 200; i++) {
            String token = generator.next().value();
            assertThat(token).hasSize(24).matches("[A-Za-z0-9_-]{24}");
        }
    }

    @Test
    void tokensAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(generator.next().value());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void theBitsOfTokensVary() {
        // 1000 tokens of 144 bits: every bit position should be set in some token and clear in another.
        int bits = SecureRandomShareTokenGenerator.TOKEN_BYTES * 8;
        int[] ones = new int[bits];
        int samples = 1_000;
        for (int i = 0; i < samples; i++) {
            byte[] bytes = Base64.getUrlDecoder().decode(generator.next().value());
            for (int bit = 0; bit < bits; bit++) {
                if ((bytes[bit / 8] >> (bit % 8) & 1) == 1) {
                    ones[bit]++;
                }
            }
        }
        for (int bit = 0; bit < bits; bit++) {
            assertThat(ones[bit]).as("bit %d set in %d of %d tokens", bit, ones[bit], samples)
                    .isBetween(350, 650);
        }
    }

    @Test
    void aTokenNeverShowsItselfInLogs() {
        ShareToken token = generator.next();
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
