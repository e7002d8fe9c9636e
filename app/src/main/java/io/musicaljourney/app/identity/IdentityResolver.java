package io.musicaljourney.app.identity;

import io.musicaljourney.common.UserId;

/** Turns the bearer credential of a request into the id of the person making it. */
public interface IdentityResolver {

    /**
     * @throws AuthenticationFailedException when the credential names nobody, or nobody can tell right now
     */
    UserId resolve(String bearerToken);
}
