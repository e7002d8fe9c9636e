package io.musicaljourney.command.journey.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.musicaljourney.journey.command.JourneyCommandResult;

import java.time.Instant;

/** Response bodies of the journey command routes. */
public final class JourneyCommandResponses {

    private JourneyCommandResponses() {
    }

    /** The frontend's create answer: the new id, and the link's token when it started out shared. */
    public record CreatedJourney(String id, String shareToken) {
    }

    /** Our own routes answer with the journey and its new version (also in {@code ETag}). */
    public record JourneyVersion(String journeyId, long version) {

        static JourneyVersion of(JourneyCommandResult result) {
            return new JourneyVersion(result.journeyId().asString(), result.version());
        }
    }

    /** The frontend's save answer, with the row's column names. */
    public record RevisedJourney(String id, @JsonProperty("is_public") boolean isPublic,
                                @JsonProperty("share_token") String shareToken,
                                @JsonProperty("updated_at") Instant updatedAt) {

        public record Body(RevisedJourney journey) {

            static Body of(JourneyCommandResult result) {
                return new Body(new RevisedJourney(result.journeyId().asString(), result.shareToken() != null,
                        result.shareToken() == null ? null : result.shareToken().value(), result.changedAt()));
            }
        }
    }

    public record Deleted(boolean ok) {

        static final Deleted OK = new Deleted(true);
    }

    /** The owner's answer to sharing: the link's token with the new version. */
    public record SharedLink(String journeyId, long version, String shareToken) {

        public static SharedLink of(JourneyCommandResult result) {
            return new SharedLink(result.journeyId().asString(), result.version(),
                    result.shareToken() == null ? null : result.shareToken().value());
        }
    }
}
