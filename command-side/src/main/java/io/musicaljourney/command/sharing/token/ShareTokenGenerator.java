package io.musicaljourney.command.sharing.token;

import io.musicaljourney.sharing.ShareToken;

/** Makes the secrets of shared links; injected into the aggregate's handlers so tests can fix the values. */
@FunctionalInterface
public interface ShareTokenGenerator {

    ShareToken next();
}
