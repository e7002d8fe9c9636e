package io.musicaljourney.pathway.cache;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when Redis is configured ({@link RedisPresence}), the same decision as {@link RedisAutoConfigurationFilter}. */
public class RedisConfiguredCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return RedisPresence.isConfigured(context.getEnvironment())
                ? ConditionOutcome.match("spring.data.redis is configured")
                : ConditionOutcome.noMatch("no spring.data.redis host, url, sentinel or cluster: no Redis");
    }
}
