package io.musicaljourney.app.embedded;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded default applies when no database is configured. Decided on the final environment (after test
 * and command-line properties are in), not earlier.
 */
public class EmbeddedDatabaseCondition extends SpringBootCondition {

    public static boolean noDatabaseConfigured(ConditionContext context) {
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        return url == null || url.isBlank();
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return noDatabaseConfigured(context)
                ? ConditionOutcome.match("no spring.datasource.url: embedded PostgreSQL")
                : ConditionOutcome.noMatch("spring.datasource.url is set");
    }
}
