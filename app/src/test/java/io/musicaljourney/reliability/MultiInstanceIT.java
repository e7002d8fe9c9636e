package io.musicaljourney.reliability;

import io.musicaljourney.support.Api;
import io.musicaljourney.support.JarProcess;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the packaged service, each with the command and the query role, as processes on loopback
 * ports against one PostgreSQL database of their own. The last test kills one of them.
 *
 * <p>Longer runs: {@code ./mvnw -pl app verify -Dit.test=MultiInstanceIT -Dreliability.writers=8
 * -Dreliability.rounds=50 -Dreliability.reads=300}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    private static final int WRITERS = Integer.getInteger("reliability.writers", 6);
    private static final int ROUNDS = Integer.getInteger("reliability.rounds", 15);
    private static final int READS = Integer.getInteger("reliability.reads", 60);
    private static final int THREADS = Integer.getInteger("reliability.threads", 4);
    private static final int COMMANDS_AFTER_KILL = Integer.getInteger("reliability.commands-per-kill", 60);

    private static final Path LOGS = JarProcess.logDirectory("MultiInstanceIT");

    private String database;
    private EventStoreAudit audit;
    private final List<JarProcess> instances = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startThreeInstances() {
        database = TestDatabase.create("mj_rel");
        audit = new EventStoreAudit(database);
        // Flyway runs once, in the first; the other two start against a migrated schema together.
        instances.add(new JarProcess("node-a", LOGS, database, List.of()).start().awaitUp());
        instances.add(new JarProcess("node-b", LOGS, database, List.of()).start());
        instances.add(new JarProcess("node-c", LOGS, database, List.of()).start());
        instances.forEach(JarProcess::awaitUp);
    }

    @AfterAll
    void stopInstances() {
        instances.forEach(JarProcess::stop);
    }

    @Test
    @Order(1)
    void theProjectionSegmentsAreSpreadAcrossTheInstances() {
        await("every instance holding a share of the journeys segments").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Map<Integer, String> owners = audit.segmentOwners();
                    assertThat(owners.values()).as("segment owners %s", owners).doesNotContainNull();
                    assertThat(instancesOwning(owners.values())).as("segment owners %s", owners)
                            .containsExactlyInAnyOrderElementsOf(names(instances));
                });
        System.out.printf("MultiInstanceIT: segments %s%n", describe(audit.segmentOwners()));
    }

    @Test
    @Order(2)
    void aWriteAcknowledgedByOneInstanceIsReadableAtOnceOnEveryOther() {
        String user = "reader-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Api first = instances.get(0).api();
        Api.Response created = first.post("/api/journeys", user, JourneyRequests.create("Across instances"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String journey = created.json().get("id").asText();
        String parent = JourneyRequests.START_ID;
        List<String> stale = new ArrayList<>();
        for (int write = 0; write < READS; write++) {
            JarProcess writer = instances.get(write % instances.size());
            String node = "ryw-" + write;
            Api.Response visited = writer.api().post("/api/journeys/" + journey + "/visits", user,
                    JourneyRequests.visit(node, "Node " + write, parent));
            assertThat(visited.status()).as(visited.toString()).isEqualTo(200);
            long version = visited.json().get("version").asLong();
            parent = node;
            for (JarProcess reader : instances) {
                if (reader == writer) {
                    continue;
                }
                Api.Response read = reader.api().get("/api/journeys/" + journey, user);
                long seen = read.status() == 200 ? read.json().get("journey").get("version").asLong() : -1;
                if (seen < version) {
                    stale.add(writer.name() + " acknowledged version " + version + ", " + reader.name() + " showed "
                            + seen);
                }
            }
        }
        System.out.printf("MultiInstanceIT: read-your-writes writes=%d cross-instance-reads=%d stale=%d%n",
                READS, READS * (instances.size() - 1), stale.size());
        assertThat(stale).isEmpty();
    }

    @Test
    @Order(3)
    void concurrentCommandsToOneJourneyFromDifferentInstancesAreAppliedOrRefusedAsConflictsAndNothingIsLost()
            throws InterruptedException {
        String user = "racer-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Api.Response created = instances.get(0).api().post("/api/journeys", user,
                JourneyRequests.create("Raced"));
        String journey = created.json().get("id").asText();
        Map<Long, String> appliedAt = new ConcurrentHashMap<>();
        Set<String> refusedNodes = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger conflicts = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int index = 0; index < WRITERS; index++) {
            int writer = index;
            writers.add(new Thread(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    Api reader = instances.get((writer + round) % instances.size()).api();
                    Api target = instances.get((writer + round + 1) % instances.size()).api();
                    Api.Response read = reader.get("/api/journeys/" + journey, user);
                    String version = read.header("ETag");
                    String node = "race-" + writer + "-" + round;
                    Api.Response visited = target.send("POST", "/api/journeys/" + journey + "/visits", user,
                            JourneyRequests.visit(node, "Node", JourneyRequests.START_ID),
                            Map.of("If-Match", version));
                    switch (visited.status()) {
                        case 200 -> {
                            String earlier = appliedAt.put(visited.json().get("version").asLong(), node);
                            if (earlier != null) {
                                unexpected.add("two commands acknowledged at one version: " + earlier + ", " + node);
                            }
                        }
                        case 409, 412 -> {
                            conflicts.incrementAndGet();
                            refusedNodes.add(node);
                        }
                        default -> unexpected.add(visited.toString());
                    }
                }
            }, "racer-" + writer));
        }
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }

        Map<String, String> events = audit.events();
        Map<Long, String> stored = events.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(journey + "#"))
                .collect(Collectors.toMap(entry -> Long.parseLong(entry.getKey().substring(journey.length() + 1)),
                        Map.Entry::getValue));
        List<String> lost = appliedAt.entrySet().stream()
                .filter(applied -> !stored.getOrDefault(applied.getKey(), "").contains("\"" + applied.getValue() + "\""))
                .map(applied -> applied.getValue() + " acknowledged at " + applied.getKey() + " is not stored there")
                .toList();
        List<String> leaked = refusedNodes.stream()
                .filter(node -> stored.values().stream().anyMatch(event -> event.contains("\"" + node + "\"")))
                .map(node -> node + " was refused but is stored")
                .toList();
        System.out.printf("MultiInstanceIT: racing writers=%d commands=%d applied=%d conflicts=%d lost=%d leaked=%d%n",
                WRITERS, WRITERS * ROUNDS, appliedAt.size(), conflicts.get(), lost.size(), leaked.size());

        assertThat(unexpected).isEmpty();
        assertThat(appliedAt.size() + conflicts.get()).isEqualTo(WRITERS * ROUNDS);
        assertThat(appliedAt).as("at least one command of the race applied").isNotEmpty();
        assertThat(stored).as("the start and one event per applied command, nothing else").hasSize(1 + appliedAt.size());
        assertThat(lost).isEmpty();
        assertThat(leaked).isEmpty();
        audit.awaitProjectionCaughtUp(Duration.ofSeconds(30));
    }

    @Test
    @Order(4)
    void whenAnInstanceIsKilledTheOthersTakeOverItsSegmentsAndNoEventIsLostOrProjectedTwice() {
        List<JarProcess> serving = new CopyOnWriteArrayList<>(instances);
        CommandLoad load = new CommandLoad(
                () -> serving.get(ThreadLocalRandom.current().nextInt(serving.size())).api(), THREADS, 42).start();
        JarProcess victim;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() >= COMMANDS_AFTER_KILL / 2);
            Map<Integer, String> owners = audit.segmentOwners();
            victim = instances.stream().filter(instance -> owners.values().stream()
                    .anyMatch(owner -> owner != null && owner.startsWith(ownerOf(instance)))).findFirst().orElseThrow();
            serving.remove(victim);
            victim.kill();
            long before = load.acknowledged();
            await("survivors taking over the segments of " + victim.name()).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Map<Integer, String> now = audit.segmentOwners();
                        assertThat(now.values()).as("owners %s", now).doesNotContainNull()
                                .allMatch(owner -> serving.stream().anyMatch(live -> owner.startsWith(ownerOf(live))));
                    });
            System.out.printf("MultiInstanceIT: killed %s, segments now %s%n", victim.name(),
                    describe(audit.segmentOwners()));
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() >= before + COMMANDS_AFTER_KILL);
        } finally {
            load.close();
        }
        instances.remove(victim);

        audit.awaitProjectionCaughtUp(Duration.ofSeconds(60));
        List<String> lost = audit.lost(load.acks());
        List<String> differences = audit.detailDiffersFromFold(instances.get(0).api());
        System.out.printf("MultiInstanceIT: load acknowledged=%d in-doubt=%d refused=%d events-stored=%d "
                        + "journeys=%d lost=%d fold-differences=%d%n", load.acknowledged(), load.inDoubt(),
                load.refused(), audit.eventCount(), audit.rows().size(), lost.size(), differences.size());
        assertThat(load.unexpected()).isEmpty();
        assertThat(lost).isEmpty();
        assertThat(audit.foldMismatches()).as("rows against a fold of the events").isEmpty();
        assertThat(differences).isEmpty();
    }

    /** Axon names a claim's owner after the JVM: {@code pid@host}. */
    private static String ownerOf(JarProcess instance) {
        return instance.pid() + "@";
    }

    private Set<String> instancesOwning(Collection<String> owners) {
        Set<String> names = new HashSet<>();
        for (String owner : owners) {
            instances.stream().filter(instance -> owner != null && owner.startsWith(ownerOf(instance)))
                    .forEach(instance -> names.add(instance.name()));
        }
        return names;
    }

    private static List<String> names(List<JarProcess> processes) {
        return processes.stream().map(JarProcess::name).toList();
    }

    private String describe(Map<Integer, String> owners) {
        return owners.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + instances.stream()
                        .filter(instance -> entry.getValue() != null && entry.getValue().startsWith(ownerOf(instance)))
                        .map(JarProcess::name).findFirst().orElse(String.valueOf(entry.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
