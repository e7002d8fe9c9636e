package io.musicaljourney.command.sharing.token;

import io.musicaljourney.sharing.ShareToken;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * 18 random bytes from a CSPRNG (144 bits, above the 128 the link must resist guessing with), base64url without
 * padding: 24 URL-safe characters, the same shape as the tokens of the original backend.
 */
@Component
public class SecureRandomShareTokenGenerator implements ShareTokenGenerator {

    static final int TOKEN_BYTES = 18;

    private final SecureRandom random = new SecureRandom();
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

    @Override
    public ShareToken next() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return new ShareToken(encoder.encodeToString(bytes));
    }
}
