package io.musicaljourney.bench;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged service, started as its own process (as EmbeddedDefaultIT does) and awaited on its health. */
final class ServiceProcess implements AutoCloseable {

    /**
     * The JVM options the README's run command gives (and the Dockerfile's): the service is measured as it is meant
     * to be run. The serial collector and a fixed heap keep the resident memory of a service that needs about 100 MB
     * of live heap well under 512 MB (P8); a default JVM on this machine sizes its heap from 24 GB of RAM and lets
     * it grow.
     */
    static final List<String> DOCUMENTED_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m");
    /** Where the package phase extracts the runnable jar and writes its class-data archive (app/pom.xml). */
    static final String RUN_DIRECTORY = "app/target/run";

    private final Process process;
    final int port;
    final Path log;
    /** From launch to the first {@code /actuator/health} answering UP. */
    Duration startup;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServiceProcess start(Path jar, Map<String, String> env, List<String> jvmOptions, Path log,
                                Duration timeout) throws IOException, InterruptedException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("JOURNEY_"));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        long launched = System.nanoTime();
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        try {
            service.awaitHealthy(launched, timeout);
        } catch (IOException | RuntimeException failure) {
            service.close();
            throw failure;
        }
        return service;
    }

    private void awaitHealthy(long launched, Duration timeout) throws IOException {
        Duration left = Duration.ofNanos(Math.max(1, launched + timeout.toNanos() - System.nanoTime()));
        try (HttpConnection http = new HttpConnection(port)) {
            Awaitility.await("the service healthy").atMost(left).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).until(() -> healthy(http));
            startup = Duration.ofNanos(System.nanoTime() - launched);
        } catch (ConditionTimeoutException late) {
            throw new IllegalStateException("The service was not healthy within " + timeout + "; its log:\n" + tail());
        }
    }

    private boolean healthy(HttpConnection http) {
        if (!process.isAlive()) {
            throw new IllegalStateException("The service exited during start-up; its log:\n" + tail());
        }
        try {
            HttpConnection.Response health = http.get("/actuator/health", null);
            return health.status() == 200 && health.text().startsWith("{\"status\":\"UP\"");
        } catch (IOException notListeningYet) {
            http.close();
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time the service process has used so far, in milliseconds (-1 where /proc does not tell). */
    long cpuMillis() {
        return ProcessCpu.millis(process.pid());
    }

    /** The service's resident memory (VmRSS) in bytes, or -1 where /proc does not tell. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
        return -1;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
