package io.musicaljourney.common;

/**
 * A command someone asked for. Their id is stamped on the events it causes, where it names the data subject whose
 * key encrypts the events' personal data.
 */
public interface UserCommand {

    UserId requestedBy();
}
