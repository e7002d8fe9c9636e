package io.musicaljourney.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The test Redis (127.0.0.1:6379, no persistence) as the tests see it: a database index of this JVM's own (1-15,
 * chosen at random) so parallel runs rarely share one, and keys made unique by the tests anyway (the key names
 * themselves stay the design document's). {@link #commands()} talks to Redis directly, not through the proxy, so a
 * test can inspect Redis while the application's path to it is cut.
 */
public final class TestRedis {

    public static final int DATABASE = ThreadLocalRandom.current().nextInt(1, 16);

    private static StatefulRedisConnection<String, String> connection;

    private TestRedis() {
    }

    public static synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            RedisClient client = RedisClient.create(RedisURI.builder()
                    .withHost(RedisProxy.TARGET_HOST).withPort(RedisProxy.TARGET_PORT).withDatabase(DATABASE).build());
            connection = client.connect();
            Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown));
        }
        return connection.sync();
    }
}
