package io.musicaljourney.app.privacy;

import io.musicaljourney.common.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/** The user's own account: deleting it erases them (crypto-shredding, docs/reliability.md). */
@RestController
@Tag(name = "Account")
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
public class AccountController {

    private final AccountEraser eraser;

    public AccountController(AccountEraser eraser) {
        this.eraser = eraser;
    }

    @DeleteMapping("/api/me")
    @Operation(summary = "Delete me: all my journeys, and the key that keeps my personal data in the event store readable")
    public AccountErased deleteMe(@Parameter(hidden = true) UserId user) {
        return new AccountErased(eraser.erase(user), true);
    }

    /** What was done: the journeys deleted, and that the user's personal data can no longer be read. */
    public record AccountErased(int journeysDeleted, boolean personalDataErased) {
    }
}
