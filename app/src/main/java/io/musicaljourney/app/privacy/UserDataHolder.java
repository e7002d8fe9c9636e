package io.musicaljourney.app.privacy;

import io.musicaljourney.common.UserId;

/**
 * A part of the service that keeps something about a user outside the event store and its projections (stored
 * responses of idempotent requests, copies of events in dead letters...). {@link AccountEraser} asks each one to
 * forget a user who is deleted, before it destroys their key.
 */
public interface UserDataHolder {

    void forget(UserId user, java.util.Collection<String> journeyIds);
}
