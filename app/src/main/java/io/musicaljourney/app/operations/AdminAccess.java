package io.musicaljourney.app.operations;

import io.musicaljourney.common.UserId;
import io.musicaljourney.query.operators.Administrators;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;


/**
 * Who may use the operators' routes: the user ids in {@code journey.admin.user-ids}. Everybody else gets exactly
 * the 404 of an unknown path (as {@code /admin/cache/**} does), never a 403 that would reveal the route.
 */
@Component
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class AdminAccess {

    private final Administrators administrators;

    public AdminAccess(Administrators administrators) {
        this.administrators = administrators;
    }

    boolean allowed(UserId user) {
        return administrators.includes(user);
    }

    static ResponseEntity<Object> notFound() {
        return error(HttpStatus.NOT_FOUND, "Not found");
    }

    /** The same body as the application's other errors: a problem document carrying the frontend's {@code error}. */
    static ResponseEntity<Object> error(HttpStatus status, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("error", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
