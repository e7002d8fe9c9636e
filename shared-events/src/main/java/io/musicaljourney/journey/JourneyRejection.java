package io.musicaljourney.journey;

/**
 * Why a journey command was refused. These are bad requests, not business outcomes: a refused command appends
 * nothing. The reason travels as the {@code details} of Axon's command exceptions, so it survives a distributed
 * command bus as well as the local one.
 */
public enum JourneyRejection {
    /** No such journey for this user: unknown, deleted, or somebody else's (never revealed as such). */
    NOT_FOUND,
    /** The command breaks a rule about its content (unknown parent node, unvisited track origin...). */
    INVALID,
    /** The command does not fit the journey's current state (rotating the link of a journey that is not shared). */
    STATE_CONFLICT,
    /** The caller's {@code If-Match} version is not the journey's current version: it changed meanwhile. */
    VERSION_CONFLICT,
    /** The journey would grow past one of its documented size limits. */
    LIMIT_REACHED
}
