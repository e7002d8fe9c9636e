package io.musicaljourney.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Starts the embedded default's PostgreSQL as soon as the environment is known, beside the building of the
 * application context instead of in the middle of it.
 *
 * <p>initdb and the server's start are processes of their own: on a machine with two cores they overlap the
 * context's class loading and bean creation almost entirely (issue 5, P8: start-up of the embedded default). The
 * decision is the same as {@link EmbeddedDatabaseCondition}'s, taken on the same, final environment; the
 * {@code embeddedPostgres} bean then takes this server instead of starting one, and closes it with the context. A
 * context that fails before taking it, or a JVM stopped before then, closes it too. Registered in
 * {@code META-INF/spring.factories}.
 */
public class EarlyEmbeddedPostgres implements ApplicationListener<SpringApplicationEvent> {

    private static final Logger log = LoggerFactory.getLogger(EarlyEmbeddedPostgres.class);

    private static final Object LOCK = new Object();
    private static Pending pending;
    private static boolean hookRegistered;

    private record Pending(Path directory, int port, CompletableFuture<EmbeddedPostgres> server) {
    }

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            startEarly(prepared.getEnvironment());
        } else if (event instanceof ApplicationFailedEvent) {
            closeUntaken();
        }
    }

    private static void startEarly(ConfigurableEnvironment environment) {
        String url = environment.getProperty("spring.datasource.url");
        String dataDir = environment.getProperty("journey.embedded.data-dir");
        if ((url != null && !url.isBlank()) || dataDir == null) {
            return;
        }
        Path directory = Path.of(dataDir).toAbsolutePath();
        int port = environment.getProperty("journey.embedded.port", Integer.class, 0);
        synchronized (LOCK) {
            if (pending != null) {
                return;
            }
            if (!hookRegistered) {
                // Stopped during start-up (before the context took the server): nothing else would stop it.
                Runtime.getRuntime().addShutdownHook(new Thread(EarlyEmbeddedPostgres::closeUntaken,
                        "embedded-postgres-untaken"));
                hookRegistered = true;
            }
            pending = new Pending(directory, port, CompletableFuture.supplyAsync(() -> start(directory, port),
                    runnable -> {
                        Thread thread = new Thread(runnable, "embedded-postgres-start");
                        thread.setDaemon(true);
                        thread.start();
                    }));
        }
    }

    /** The server started for this directory and port, or a new one when none was started early. */
    static EmbeddedPostgres take(Path directory, int port) throws IOException {
        Pending early;
        synchronized (LOCK) {
            early = pending;
            if (early != null && early.directory().equals(directory) && early.port() == port) {
                pending = null;
            } else {
                early = null;
            }
        }
        if (early == null) {
            return start(directory, port);
        }
        try {
            return early.server().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the embedded PostgreSQL started", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("The embedded PostgreSQL did not start", cause);
        }
    }

    private static void closeUntaken() {
        Pending early;
        synchronized (LOCK) {
            early = pending;
            pending = null;
        }
        if (early != null) {
            try {
                early.server().get(30, TimeUnit.SECONDS).close();
            } catch (Exception e) {
                log.warn("Could not stop the embedded PostgreSQL of a start that did not finish", e);
            }
        }
    }

    private static EmbeddedPostgres start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // The library's own hook would stop the server beside Spring's, while the processors and open
                    // requests still use it. The context closes it after them (the bean's destroy method); this
                    // class's own hook closes a server that no context took.
                    .setRegisterShutdownHook(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
