package io.musicaljourney.app.idempotency;

import io.musicaljourney.app.privacy.UserDataHolder;
import io.musicaljourney.common.UserId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * The responses kept for idempotent replays hold what the user sent and got back (titles, narratives), in plain
 * text and under their user id: a deleted user's go with them, before their key is destroyed.
 */
@Component
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
class StoredResponsesOfErasedUsers implements UserDataHolder {

    private final JdbcTemplate jdbc;

    StoredResponsesOfErasedUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(UserId user, Collection<String> journeyIds) {
        jdbc.update("DELETE FROM idempotency_keys WHERE user_id = ?", user.value());
    }
}
