package io.musicaljourney.support;

/**
 * The test Redis behind a {@link TcpProxy} that a test can stop and start again on the same port, to take Redis
 * away from the running application mid-test (every open connection is cut, new ones are refused) and bring it
 * back. The integration tests' application talks to Redis through the one instance of this JVM ({@link #shared()}).
 */
public final class RedisProxy {

    public static final String TARGET_HOST = System.getProperty("test.redis.host", "127.0.0.1");
    public static final int TARGET_PORT = Integer.getInteger("test.redis.port", 6379);

    private static RedisProxy shared;

    private final TcpProxy proxy = new TcpProxy(TARGET_HOST, TARGET_PORT);

    private RedisProxy() {
    }

    public static synchronized RedisProxy shared() {
        if (shared == null) {
            shared = new RedisProxy();
        }
        return shared;
    }

    public int port() {
        return proxy.port();
    }

    public boolean running() {
        return proxy.listening();
    }

    /** Listens again (on the same port after a {@link #stop()}). */
    public void start() {
        proxy.restore();
    }

    /** Refuses new connections and cuts every open one, as a Redis that went away. */
    public void stop() {
        proxy.cut();
    }
}
