package io.musicaljourney.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The test Redis (127.0.0.1:6379, no persistence) as the tests see it: a database index of this JVM's own (1-15),
 * claimed through a lease in database 0 so that concurrent runs never share one, and emptied when claimed so that
 * a key cached by an earlier run (whose PostgreSQL database is gone) cannot answer for this one. The key names
 * stay the design document's. {@link #commands()} talks to Redis directly, not through the proxy, so a test can
 * inspect Redis while the application's path to it is cut.
 */
public final class TestRedis {

    private static final String LEASE_PREFIX = "mj-test-lease:";
    private static final long LEASE_SECONDS = 3 * 60 * 60;

    public static final int DATABASE = claimDatabase();

    private static StatefulRedisConnection<String, String> connection;

    private TestRedis() {
    }

    public static synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            RedisClient client = RedisClient.create(uri(DATABASE));
            connection = client.connect();
            Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown));
        }
        return connection.sync();
    }

    private static int claimDatabase() {
        List<Integer> candidates = new ArrayList<>();
        for (int index = 1; index <= 15; index++) {
            candidates.add(index);
        }
        Collections.shuffle(candidates);
        String owner = UUID.randomUUID().toString();
        RedisClient client = RedisClient.create(uri(0));
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            for (int index : candidates) {
                String lease = LEASE_PREFIX + index;
                if ("OK".equals(admin.sync().set(lease, owner, SetArgs.Builder.nx().ex(LEASE_SECONDS)))) {
                    try (StatefulRedisConnection<String, String> database = client.connect(uri(index))) {
                        database.sync().flushdb();
                    }
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> release(lease, owner)));
                    return index;
                }
            }
        } finally {
            client.shutdown();
        }
        throw new IllegalStateException("All 15 test Redis databases are leased by other runs");
    }

    private static void release(String lease, String owner) {
        RedisClient client = RedisClient.create(uri(0));
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            if (owner.equals(admin.sync().get(lease))) {
                admin.sync().del(lease);
            }
        } finally {
            client.shutdown();
        }
    }

    private static RedisURI uri(int database) {
        return RedisURI.builder().withHost(RedisProxy.TARGET_HOST).withPort(RedisProxy.TARGET_PORT)
                .withDatabase(database).build();
    }
}
