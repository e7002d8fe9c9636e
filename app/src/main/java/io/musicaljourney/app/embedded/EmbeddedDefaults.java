package io.musicaljourney.app.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * With no database configured the service runs on its embedded default: an embedded PostgreSQL, no Redis and local
 * identities. These defaults sit below every other property source, so any setting a user makes still wins.
 */
public class EmbeddedDefaults implements EnvironmentPostProcessor {

    public static final String ENABLED = "journey.embedded.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("journeyEmbeddedDefaults", Map.of(
                ENABLED, "true",
                "journey.auth.mode", "local")));
    }
}
