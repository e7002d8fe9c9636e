package io.musicaljourney.pathway.cache;

import org.springframework.core.env.Environment;

/**
 * Whether this instance is meant to use Redis. Spring Boot would otherwise connect to {@code localhost:6379} by
 * default, which would make the embedded default (no Redis at all) report itself DOWN; Redis is used only when an
 * operator names a server.
 */
public final class RedisPresence {

    private static final String[] SETTINGS = {"spring.data.redis.host", "spring.data.redis.url",
            "spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes"};

    private RedisPresence() {
    }

    public static boolean isConfigured(Environment environment) {
        for (String setting : SETTINGS) {
            String value = environment.getProperty(setting);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
