package io.musicaljourney.app.identity;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyLimits;
import org.springframework.http.HttpStatus;

/**
 * Local mode, for the embedded default and development: the bearer value itself is the user id. Anyone can be
 * anyone, which is why the service says so loudly at start-up.
 */
public class LocalIdentityResolver implements IdentityResolver {

    @Override
    public UserId resolve(String bearerToken) {
        if (bearerToken.length() > JourneyLimits.MAX_ID_LENGTH) {
            throw new AuthenticationFailedException(HttpStatus.UNAUTHORIZED,
                    "Unauthorized - local user ids are at most " + JourneyLimits.MAX_ID_LENGTH + " characters");
        }
        return new UserId(bearerToken);
    }
}
