package io.musicaljourney.app.operations;

import io.musicaljourney.common.UserId;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the projections: {@code GET /admin/projections} (positions, head, lag, replaying, errors,
 * dead letters, the rebuild's progress) and {@code POST /admin/projections/{name}/rebuild} (202 and the status;
 * 409 while a rebuild runs anywhere; 404 for an unknown processor). Only for {@code journey.admin.user-ids};
 * everybody else, and any other method, gets the 404 of an unknown path. Query role only: rebuilding is its job.
 */
@Hidden
@RestController
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
public class ProjectionAdminController {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdminController.class);

    private final AdminAccess access;
    private final ProjectionsStatus status;
    private final ProjectionRebuilder rebuilder;
    private final EventProcessingConfiguration processing;

    public ProjectionAdminController(AdminAccess access, ProjectionsStatus status, ProjectionRebuilder rebuilder,
                                     EventProcessingConfiguration processing) {
        this.access = access;
        this.status = status;
        this.rebuilder = rebuilder;
        this.processing = processing;
    }

    @RequestMapping("/admin/projections")
    ResponseEntity<Object> projections(UserId user, HttpServletRequest request) {
        if (!access.allowed(user) || !"GET".equals(request.getMethod())) {
            return AdminAccess.notFound();
        }
        return ResponseEntity.ok(status.status());
    }

    @RequestMapping("/admin/projections/{name}/rebuild")
    ResponseEntity<Object> rebuild(@PathVariable String name, UserId user, HttpServletRequest request) {
        if (!access.allowed(user) || !"POST".equals(request.getMethod())) {
            return AdminAccess.notFound();
        }
        if (processing.eventProcessor(name).isEmpty() || !rebuilder.rebuilds(name)) {
            return AdminAccess.error(HttpStatus.NOT_FOUND, "No rebuildable event processor named " + name);
        }
        return switch (rebuilder.start(name, user.value())) {
            case STARTED -> ResponseEntity.accepted().body(status.status());
            case ALREADY_RUNNING -> AdminAccess.error(HttpStatus.CONFLICT,
                    "A rebuild is already running; see GET /admin/projections");
            case UNKNOWN_PROJECTION -> AdminAccess.error(HttpStatus.NOT_FOUND,
                    "No rebuildable event processor named " + name);
        };
    }

    /**
     * The bearer is resolved before the handler runs; its failures (no bearer 401, identity service 503) would
     * reveal the route, so here they answer as an unknown path.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> hide(RuntimeException failure) {
        log.info("Admin route answered as unknown after {}", failure.toString());
        return AdminAccess.notFound();
    }
}
