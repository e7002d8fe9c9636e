package io.musicaljourney.reliability;

import io.musicaljourney.support.JarProcess;
import io.musicaljourney.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service, killed with SIGKILL while client threads send it commands, and started again, several
 * times over, against a database of its own: whatever it acknowledged must be in the event store and in the
 * projection afterwards, and the projection must equal a fold of the events.
 *
 * <p>A restart takes 10 to 30 seconds on two cores, so {@code ./mvnw verify} kills twice; the five kills (or
 * more): {@code ./mvnw -pl app verify -Dit.test=CrashRecoveryIT -Dreliability.kills=5 -Dreliability.threads=8
 * -Dreliability.commands-per-kill=100} (docs/reliability.md).
 */
class CrashRecoveryIT {

    private static final int KILLS = Integer.getInteger("reliability.kills", 2);
    private static final int THREADS = Integer.getInteger("reliability.threads", 4);
    private static final int COMMANDS_PER_KILL = Integer.getInteger("reliability.commands-per-kill", 30);
    private static final long SEED = Long.getLong("reliability.seed", System.nanoTime());

    private final Path logs = JarProcess.logDirectory("CrashRecoveryIT");

    @Test
    void everyAcknowledgedCommandSurvivesKillNineUnderLoadAndTheProjectionEqualsTheFoldOfTheEvents() {
        long began = System.nanoTime();
        String database = TestDatabase.create("mj_rel");
        EventStoreAudit audit = new EventStoreAudit(database);
        JarProcess service = new JarProcess("crash", logs, database, List.of()).start().awaitUp();
        CommandLoad load = new CommandLoad(service::api, THREADS, SEED).start();
        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = load.acknowledged();
                await("load acknowledged before kill " + kill).atMost(Duration.ofSeconds(60))
                        .until(() -> load.acknowledged() >= before + COMMANDS_PER_KILL);
                service.note("kill -9 number " + kill + " with " + load.figures());
                service.kill();
                load.hold();
                service.start().awaitUp();
                load.release();
            }
            long before = load.acknowledged();
            await("load acknowledged after the last restart").atMost(Duration.ofSeconds(60))
                    .until(() -> load.acknowledged() >= before + COMMANDS_PER_KILL);
        } finally {
            load.close();
        }

        audit.awaitProjectionCaughtUp(Duration.ofSeconds(60));
        List<String> lost = audit.lost(load.acks());
        List<String> differences = audit.detailDiffersFromFold(service.api());
        System.out.printf("CrashRecoveryIT: kills=%d threads=%d acknowledged=%d in-doubt=%d refused=%d "
                        + "events-stored=%d journeys=%d lost=%d fold-differences=%d seed=%d seconds=%d%n",
                KILLS, THREADS, load.acknowledged(), load.inDoubt(), load.refused(), audit.eventCount(),
                audit.rows().size(), lost.size(), differences.size(), SEED,
                Duration.ofNanos(System.nanoTime() - began).toSeconds());
        service.stop();

        assertThat(load.unexpected()).as("answers no valid command should get").isEmpty();
        assertThat(load.acknowledged()).isGreaterThanOrEqualTo((long) COMMANDS_PER_KILL * (KILLS + 1));
        assertThat(lost).as("acknowledged commands missing after %d kills (seed %d)", KILLS, SEED).isEmpty();
        assertThat(audit.foldMismatches()).as("rows against a fold of the events").isEmpty();
        assertThat(differences).as("detail against the service's fold (as-of the last version)").isEmpty();
    }
}
