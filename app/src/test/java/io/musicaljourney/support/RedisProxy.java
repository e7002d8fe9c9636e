package io.musicaljourney.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the test Redis that a test can stop and start again on the same port, to take Redis
 * away from the running application mid-test (every open connection is cut, new ones are refused) and bring it
 * back. The integration tests' application talks to Redis through the one instance of this JVM ({@link #shared()}).
 */
public final class RedisProxy {

    public static final String TARGET_HOST = System.getProperty("test.redis.host", "127.0.0.1");
    public static final int TARGET_PORT = Integer.getInteger("test.redis.port", 6379);

    private static RedisProxy shared;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private int port;
    private ServerSocket listener;

    private RedisProxy() {
    }

    public static synchronized RedisProxy shared() {
        if (shared == null) {
            shared = new RedisProxy();
            shared.start();
        }
        return shared;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized boolean running() {
        return listener != null;
    }

    /** Listens again (on the same port after a {@link #stop()}). */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            listener = socket;
            Thread acceptor = new Thread(() -> accept(socket), "redis-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException failure) {
            throw new UncheckedIOException("Cannot listen on port " + port, failure);
        }
    }

    /** Refuses new connections and cuts every open one, as a Redis that went away. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        open.forEach(RedisProxy::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(TARGET_HOST, TARGET_PORT);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException closedOrRefused) {
                // stop() closed the listener, or Redis itself refused: the client sees a closed connection.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException cut) {
                // One side closed; close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "redis-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }
}
