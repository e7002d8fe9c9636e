package io.musicaljourney.app.privacy;

import io.musicaljourney.command.journey.web.JourneyCommandDispatcher;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.JourneyRejection;
import io.musicaljourney.journey.command.DeleteJourneyCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Deletes a user: each of their journeys through the usual command (so every read model drops it, and the audit
 * records the deletion), then everything kept about them outside the event store, then their key, after which the
 * event store holds nothing of theirs that can be read. Safe to repeat after a failure part way.
 */
@Component
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
public class AccountEraser {

    private static final Logger log = LoggerFactory.getLogger(AccountEraser.class);
    /** A journey started while the first pass ran is found by the next one. */
    private static final int PASSES = 3;

    private final JourneyCommandDispatcher commands;
    private final JdbcTemplate jdbc;
    private final PersonalDataKeys keys;
    private final List<UserDataHolder> holders;

    public AccountEraser(JourneyCommandDispatcher commands, JdbcTemplate jdbc, PersonalDataKeys keys,
                         List<UserDataHolder> holders) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.keys = keys;
        this.holders = holders;
    }

    /** @return how many journeys were deleted */
    public int erase(UserId user) {
        int deleted = 0;
        Set<String> erased = new HashSet<>();
        for (int pass = 0; pass < PASSES; pass++) {
            List<UUID> journeys = jdbc.queryForList("SELECT id FROM journeys WHERE user_id = ?", UUID.class,
                    user.value());
            if (journeys.isEmpty()) {
                break;
            }
            for (UUID journey : journeys) {
                deleted += delete(new JourneyId(journey), user) ? 1 : 0;
                erased.add(journey.toString());
            }
        }
        holders.forEach(holder -> holder.forget(user, erased));
        boolean hadKey = keys.destroy(user);
        log.info("Erased a user: {} journeys deleted, personal data key {}", deleted,
                hadKey ? "destroyed" : "already gone");
        return deleted;
    }

    private boolean delete(JourneyId journey, UserId user) {
        try {
            commands.send(new DeleteJourneyCommand(journey, user, null));
            return true;
        } catch (JourneyRejectedException rejection) {
            if (rejection.reason() == JourneyRejection.NOT_FOUND) {
                return false;
            }
            throw rejection;
        }
    }
}
