package io.musicaljourney.app.privacy;

import io.musicaljourney.common.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;

/** Dead letters keep copies of events as their handlers saw them, decrypted: a deleted user's go with them. */
@Component
class DeadLetterCopies implements UserDataHolder {

    private final JdbcTemplate jdbc;

    DeadLetterCopies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(UserId user, Collection<String> journeyIds) {
        if (!journeyIds.isEmpty()) {
            jdbc.update("DELETE FROM dead_letter_entry WHERE aggregate_identifier = ANY (?)",
                    (Object) journeyIds.toArray(String[]::new));
        }
    }
}
