package io.musicaljourney.pathway.cache;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.Set;

/**
 * Leaves Spring Boot's Redis auto-configuration out unless Redis is configured ({@link RedisPresence}). Without a
 * connection factory, Boot's Redis health indicator and Lettuce metrics are left out too, so the embedded default
 * has no Redis component in its health. Registered in {@code META-INF/spring.factories}: the decision is made on
 * the final environment (command line, environment variables, test properties), wherever this module is on the
 * class path, whichever configuration imports the pathways role.
 */
public class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final Set<String> REDIS_AUTO_CONFIGURATIONS = Set.of(
            "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean redis = environment == null || RedisPresence.isConfigured(environment);
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = redis || candidate == null || !REDIS_AUTO_CONFIGURATIONS.contains(candidate);
        }
        return matches;
    }
}
