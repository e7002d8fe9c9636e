package io.musicaljourney.app.identity;

import io.musicaljourney.app.embedded.EmbeddedDatabaseCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@code journey.auth.mode=local}, or {@code auto} (the default) on the embedded default. */
class LocalIdentityCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String mode = context.getEnvironment().getProperty("journey.auth.mode", "auto");
        if ("local".equals(mode)) {
            return ConditionOutcome.match("journey.auth.mode=local");
        }
        if ("auto".equals(mode) && EmbeddedDatabaseCondition.noDatabaseConfigured(context)) {
            return ConditionOutcome.match("journey.auth.mode=auto on the embedded default");
        }
        if (!"auto".equals(mode) && !"spotify".equals(mode)) {
            throw new IllegalStateException("journey.auth.mode must be auto, local or spotify, not " + mode);
        }
        return ConditionOutcome.noMatch("journey.auth.mode=" + mode + " with a configured database");
    }
}
