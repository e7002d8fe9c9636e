package io.musicaljourney.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The time one token worked.
 *
 * @param endedHow           {@code rotated}, {@code revoked} or {@code deleted}; absent while the token still works
 * @param changesWhilePublic how many events changed the journey while this token worked
 * @param opens              how often the link with this token was opened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharePeriod(String tokenFingerprint, Instant from, String sharedBy, Instant until, String endedBy,
                          String endedHow, int changesWhilePublic, long opens) {
}
