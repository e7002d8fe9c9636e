package io.musicaljourney.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service as an operating-system process of its own (as {@code EmbeddedDefaultIT} starts it), on a
 * port that stays the same across restarts so that clients can keep their address, in local identity mode. Unlike
 * {@link ServiceInstances} it can be killed with SIGKILL: no shutdown hook, no graceful drain, no flushed buffers.
 */
public final class JarProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_CONNECTION_LEFT = "sorry, too many clients already";
    private static final int MAX_RETRIES = 5;

    private final String name;
    private final Path logDirectory;
    private final List<String> settings;
    private final int port;
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param settings {@code name=value} pairs given to the service as {@code --name=value} arguments, on top of
     *                 the port and local identities
     */
    public JarProcess(String name, Path logDirectory, String database, List<String> settings) {
        this.name = name;
        this.logDirectory = logDirectory;
        this.port = freePort();
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + TestDatabase.USER,
                "journey.auth.mode=local",
                "spring.jmx.enabled=false",
                // The PostgreSQL server is shared with every other test run on the machine (100 connections): a
                // small pool, all opened at start, keeps three instances from exhausting it and from failing later.
                "spring.datasource.hikari.maximum-pool-size=" + Integer.getInteger("reliability.pool-size", 6)));
        all.addAll(settings);
        this.settings = List.copyOf(all);
    }

    /** Where a suite's service logs go: kept after the run (unlike a temporary directory) to read a failure. */
    public static Path logDirectory(String suite) {
        Path directory = Path.of("target", "reliability-logs", suite).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
        return directory;
    }

    /** Launches the jar; {@link #awaitUp()} waits for its health. */
    public JarProcess start() {
        Path jar = Path.of("target", "musical-journey.jar").toAbsolutePath();
        assertThat(jar).as("the runnable jar built by the package phase").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java,
                // Start-up dominates these tests on two cores; C1 alone starts the service markedly sooner.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-jar", jar.toString()));
        settings.forEach(setting -> command.add("--" + setting));
        starts++;
        log = logDirectory.resolve(name + "-" + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("JOURNEY_"));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException failure) {
            throw new IllegalStateException("Cannot start " + name, failure);
        }
        return this;
    }

    /** Waits until {@code /actuator/health} says UP (the projections running, the database reachable). */
    public JarProcess awaitUp() {
        Api api = api();
        AtomicInteger retries = new AtomicInteger();
        await("health of " + name).atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200))
                .ignoreException(IllegalStateException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        if (currentLog().contains(NO_CONNECTION_LEFT) && retries.incrementAndGet() <= MAX_RETRIES) {
                            // Other test runs hold every connection of the shared server for a moment: that is the
                            // machine, not the service under test, so the start is tried again.
                            System.out.printf("%s: PostgreSQL had no connection left; starting again%n", name);
                            start();
                            return false;
                        }
                        throw new AssertionError(name + " exited during start-up:\n" + tail(80));
                    }
                    Api.Response health = api.get("/actuator/health", null);
                    return health.status() == 200
                            && "UP".equals(JSON.readTree(health.text()).path("status").asText());
                });
        return this;
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug would: the process gets no chance to clean up. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(name + " died").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** SIGTERM: a graceful shutdown that releases the processor's claims. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Api api() {
        return new Api(baseUrl());
    }

    /** The end of the current run's log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String currentLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Every run's log of this instance, for searching. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        for (int run = 1; run <= starts; run++) {
            try {
                text.append(Files.readString(logDirectory.resolve(name + "-" + run + ".log")));
            } catch (IOException ignored) {
                // A run whose log could not be read adds nothing.
            }
        }
        return text.toString();
    }

    /** Marks a moment in the log (the test's own events: kills, cuts), to read the log against the test. */
    public void note(String text) {
        try {
            Files.writeString(log, "=== test: " + text + System.lineSeparator(), StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // Notes are a convenience only.
        }
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
