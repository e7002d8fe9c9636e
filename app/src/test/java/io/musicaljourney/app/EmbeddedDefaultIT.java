package io.musicaljourney.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.JourneyRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the packaged service exactly as the README tells a newcomer to, with no database configured, and uses it:
 * the embedded PostgreSQL, local identities, and data that survives a restart; its class-data archive in use, and a
 * shutdown that stops the database last.
 */
class EmbeddedDefaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path home;

    @AfterEach
    void stopServices() throws InterruptedException {
        for (Process process : started) {
            stop(process);
        }
    }

    @Test
    void theEmbeddedDefaultServesRequestsAndKeepsJourneysAcrossRestarts() throws Exception {
        int port = freePort();
        Path log = home.resolve("first.log");
        Process first = start(port, log);
        Api api = awaitHealthy(port, first, log);

        Api.Response created = api.post("/api/journeys", "alice", JourneyRequests.create("Kept across restarts"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(api.get("/api/journeys/" + id, "alice").status()).isEqualTo(200);
        assertThat(Files.readString(log)).contains("journey.auth.mode=local");
        stop(first);
        assertThat(Files.readString(log))
                .as("the context stops its users of the database before the database itself")
                .doesNotContain("terminating connection due to administrator command")
                .contains("shut down postmaster");
        assertThat(Files.readAllLines(home.resolve("first-classes.log")))
                .as("the application's classes come from the class-data archive the package phase wrote")
                .anyMatch(line -> line.contains(MusicalJourneyApplication.class.getName() + " source: shared objects file"));

        Path secondLog = home.resolve("second.log");
        Process second = start(port, secondLog);
        Api again = awaitHealthy(port, second, secondLog);
        Api.Response afterRestart = again.get("/api/journeys/" + id, "alice");
        assertThat(afterRestart.status()).as(afterRestart.toString()).isEqualTo(200);
        assertThat(afterRestart.json().get("journey").get("title").asText()).isEqualTo("Kept across restarts");
    }

    /** The README's command, with the JVM's record of where each class came from beside the log. */
    private Process start(int port, Path log) throws IOException {
        Path jar = Path.of("target", "run", "musical-journey.jar").toAbsolutePath();
        Path archive = jar.resolveSibling("musical-journey.jsa");
        assertThat(jar).as("the extracted jar written by the package phase").exists();
        assertThat(archive).as("the class-data archive written by the package phase").exists();
        Path classes = log.resolveSibling(log.getFileName().toString().replace(".log", "-classes.log"));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:SharedArchiveFile=" + archive, "-XX:+UseSerialGC",
                "-Xmx256m", "-Xlog:class+load=info:file=" + classes, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("JOURNEY_"));
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("JOURNEY_DATA_DIR", home.resolve("data").toString());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static Api awaitHealthy(int port, Process process, Path log) {
        Api api = new Api("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited:\n" + Files.readString(log));
            }
            try {
                Api.Response health = api.get("/actuator/health", null);
                return health.status() == 200 && "UP".equals(JSON.readTree(health.text()).path("status").asText());
            } catch (IllegalStateException notListeningYet) {
                return false;
            }
        });
        return api;
    }

    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
