package io.musicaljourney.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark of issue 5 (docs/benchmarks.md): starts the packaged service against a database of its own on the
 * local PostgreSQL, measures P1..P8 each against a limit or a peer measured in the same run, prints a table and
 * writes the report and its chart.
 *
 * <pre>java -jar bench/target/musical-journey-bench.jar --scale=full</pre>
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
    private static final String OWNER_LIST_SQL = """
            SELECT id, title, starting_node_type, starting_node_id, starting_node_name, created_at, updated_at, is_public,
            share_token, jsonb_array_length(nodes_visited) AS node_count, jsonb_array_length(tracks) AS track_count
            FROM journeys WHERE user_id = ? ORDER BY updated_at DESC, id
            LIMIT ? OFFSET ?
            """;

    private final Scale scale;
    private final Options options;
    private final Report report;
    private final Load.Progress progress = new Load.Progress();
    private final Random random = new Random(20240501L);
    private String database;
    private String jdbcUrl;
    private ServiceProcess service;
    private Map<String, String> serviceEnv;
    private Path serviceJar;

    record Options(String scale, Path out, Path serviceJar, Path repoRoot, String pgHost, int pgPort, String pgUser,
                   int redisPort, boolean keepDatabase, java.util.Set<String> only, List<String> serviceJvm,
                   Map<String, String> given) {

        /** The parts a run measures: all of them unless {@code --only} names some. */
        boolean runs(String part) {
            return only.isEmpty() || only.contains(part);
        }

        static Options parse(String... args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("Arguments are --name=value; unknown: " + arg);
                }
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            Path root = given.containsKey("repo") ? Path.of(given.get("repo")) : findRepoRoot();
            String scale = given.getOrDefault("scale", "full");
            // A partial run (--only) never rewrites docs/benchmarks.md: its table would be incomplete.
            java.util.Set<String> only = new java.util.TreeSet<>();
            for (String part : given.getOrDefault("only", "").split(",")) {
                if (!part.isBlank()) {
                    only.add(part.trim().toUpperCase(Locale.ROOT));
                }
            }
            Set<String> known = Set.of("P1", "P2", "SWEEP", "LATENCY", "P3", "P4", "P5", "P6", "P7", "P8");
            if (!known.containsAll(only)) {
                throw new IllegalArgumentException("--only takes a comma-separated list of " + known + ", not " + only);
            }
            Path defaultOut = scale.equals("full") && only.isEmpty() ? root.resolve("docs")
                    : root.resolve("bench/target/bench-" + scale + (only.isEmpty() ? "" : "-partial"));
            return new Options(scale,
                    Path.of(given.getOrDefault("out", defaultOut.toString())).toAbsolutePath(),
                    Path.of(given.getOrDefault("service-jar",
                            root.resolve("app/target/musical-journey.jar").toString())).toAbsolutePath(),
                    root,
                    given.getOrDefault("pg-host", "127.0.0.1"),
                    Integer.parseInt(given.getOrDefault("pg-port", "5432")),
                    given.getOrDefault("pg-user", "postgres"),
                    Integer.parseInt(given.getOrDefault("redis-port", "6379")),
                    Boolean.parseBoolean(given.getOrDefault("keep-database", "false")),
                    only,
                    // The service's JVM options: those the README gives, unless others are named here (e.g. a flight
                    // recording of one part); "none" starts it with the JVM's defaults.
                    given.containsKey("service-jvm")
                            ? List.of(given.get("service-jvm").trim().split("\\s+")).stream()
                                    .filter(o -> !o.isEmpty() && !o.equals("none")).toList()
                            : ServiceProcess.DOCUMENTED_JVM_OPTIONS,
                    given);
        }

        private static Path findRepoRoot() {
            Path here = Path.of("").toAbsolutePath();
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("app")) && Files.isDirectory(p.resolve("bench"))
                        && Files.exists(p.resolve("pom.xml"))) {
                    return p;
                }
            }
            return here;
        }
    }

    private Bench(Options options) {
        this.options = options;
        Scale chosen = Scale.of(options.scale());
        if (options.given().containsKey("p4-events") || options.given().containsKey("p5-events")) {
            if (options.only().isEmpty()) {
                throw new IllegalArgumentException("--p4-events and --p5-events are for partial runs (--only)");
            }
            chosen = chosen.withRebuildEvents(
                    Integer.parseInt(options.given().getOrDefault("p4-events", Integer.toString(chosen.p4Events()))),
                    Integer.parseInt(options.given().getOrDefault("p5-events", Integer.toString(chosen.p5Events()))));
        }
        this.scale = chosen;
        this.report = new Report(scale);
        this.report.jvmOptions = options.serviceJvm();
    }

    public static void main(String[] args) throws Exception {
        Report report = run(args);
        System.exit(report.complete() ? 0 : 1);
    }

    /** Runs the whole benchmark; the report is also written to {@code --out}. */
    public static Report run(String... args) throws Exception {
        Options options = Options.parse(args);
        Bench bench = new Bench(options);
        return bench.runAll();
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private Report runAll() throws Exception {
        long begun = System.nanoTime();
        if (!Files.exists(options.serviceJar())) {
            throw new IllegalStateException("No service jar at " + options.serviceJar()
                    + ": build it first (./mvnw -q -pl bench -am package -DskipTests)");
        }
        Files.createDirectories(options.out());
        say("Musical Journey benchmark, scale " + scale.name() + ", report to " + options.out());
        // A copy, so that a build replacing app/target/musical-journey.jar cannot change the service mid-run.
        serviceJar = Files.createTempFile("bench-service", ".jar");
        Files.copy(options.serviceJar(), serviceJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        conditions();
        if (options.runs("P8")) {
            measureEmbeddedStartup();
        }
        createDatabase();
        try {
            serviceEnv = serviceEnvironment();
            startService("service");
            createScratchTable();
            boolean commands = options.runs("P1") || options.runs("P2") || options.runs("SWEEP")
                    || options.runs("LATENCY") || options.runs("P3") || options.runs("P8");
            if (commands) {
                warmUp();
                sweep();
            }
            if (options.runs("LATENCY")) {
                openLoopLatency();
            }
            if (options.runs("P3")) {
                projectionLag();
            }
            if (options.runs("P4") || options.runs("P5")) {
                rebuild();
            }
            if (options.runs("P6")) {
                listQuery();
            }
            if (options.runs("P7")) {
                pathwayFromRedis();
            }
        } catch (Exception failure) {
            report.failure = failure.toString();
            if (service != null) {
                report.failure += "\nService log tail:\n" + service.tail();
            }
            throw failure;
        } finally {
            if (service != null) {
                service.close();
            }
            dropDatabase();
            report.loadAtEnd = loadAverage();
            report.totalSeconds = (System.nanoTime() - begun) / 1e9;
            Files.deleteIfExists(serviceJar);
            report.write(options.out());
            say(report.consoleTable());
            say("Report: " + options.out().resolve("benchmarks.md"));
        }
        return report;
    }

    // ---------------------------------------------------------------- conditions

    private void conditions() throws Exception {
        say("Conditions");
        report.conditions.put("cores (JVM availableProcessors)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        report.conditions.put("CPU", firstLine("/proc/cpuinfo", "model name").replaceFirst("model name\\s*:\\s*", ""));
        report.conditions.put("memory", firstLine("/proc/meminfo", "MemTotal").replaceFirst("MemTotal:\\s*", ""));
        report.conditions.put("JVM (bench and service)", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        report.conditions.put("load average at start", loadAverage());
        try (Connection c = admin(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT version()")) {
                r.next();
                report.conditions.put("PostgreSQL", r.getString(1).replaceFirst(" on .*", ""));
            }
            for (String name : List.of("shared_buffers", "effective_cache_size", "work_mem", "max_connections",
                    "synchronous_commit", "fsync", "full_page_writes", "wal_level", "wal_buffers", "max_wal_size",
                    "checkpoint_timeout", "commit_delay", "jit", "random_page_cost", "autovacuum")) {
                try (ResultSet r = s.executeQuery("SELECT current_setting('" + name + "')")) {
                    r.next();
                    report.pgSettings.put(name, r.getString(1));
                }
            }
        }
        if (scale.fsyncTest() && options.only().isEmpty()) {
            report.conditions.put("pg_test_fsync (one 8 kB write, fdatasync)", pgTestFsync());
        } else {
            report.conditions.put("pg_test_fsync (one 8 kB write, fdatasync)", "not run at " + scale.name() + " scale");
        }
        report.conditions.forEach((k, v) -> say("  " + k + ": " + v));
        say("  PostgreSQL settings: " + report.pgSettings);
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private String pgTestFsync() {
        Path binary = null;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            binary = versions.map(v -> v.resolve("bin/pg_test_fsync")).filter(Files::isExecutable)
                    .findFirst().orElse(null);
        } catch (IOException | RuntimeException none) {
            // no PostgreSQL binaries here
        }
        if (binary == null) {
            return "pg_test_fsync not found";
        }
        try {
            Path file = Files.createTempFile("bench-fsync", ".out");
            say("  running pg_test_fsync -s 1 (about 20 s)");
            Process p = new ProcessBuilder(binary.toString(), "-s", "1", "-f", file.toString())
                    .redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            }
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(file);
            report.fsyncOutput = String.join("\n", lines);
            for (String line : lines) {
                if (line.trim().startsWith("fdatasync") && line.contains("ops/sec")) {
                    return line.trim().replaceAll("\\s+", " ") + " (" + file.getParent() + ")";
                }
            }
            return "no fdatasync line in its output";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    // ---------------------------------------------------------------- database and service

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + options.pgHost() + ":" + options.pgPort()
                + "/postgres", options.pgUser(), null);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, options.pgUser(), null);
    }

    private void createDatabase() throws SQLException {
        database = "mj_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbcUrl = "jdbc:postgresql://" + options.pgHost() + ":" + options.pgPort() + "/" + database;
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        say("Database " + database);
    }

    private void dropDatabase() {
        if (database == null || options.keepDatabase()) {
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            say("Could not drop " + database + ": " + e.getMessage());
        }
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", options.pgUser());
        env.put("JOURNEY_AUTH_MODE", "local");
        env.put("SPRING_PROFILES_ACTIVE", "bench");
        env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        env.put("SPRING_DATA_REDIS_PORT", Integer.toString(options.redisPort()));
        report.redisDatabase = 8 + random.nextInt(8);
        env.put("SPRING_DATA_REDIS_DATABASE", Integer.toString(report.redisDatabase));
        // P7 measures a pathway answered from Redis: the per-user allowance (30 a minute) would answer most of its
        // requests 429 instead, which measures the rate limiter.
        env.put("JOURNEY_RATE_LIMIT_CAPACITY", "100000000");
        return env;
    }

    private void startService(String name) throws Exception {
        Path log = Files.createTempFile("bench-service-" + name, ".log");
        say("Starting the service (" + name + ")");
        service = ServiceProcess.start(serviceJar, serviceEnv, options.serviceJvm(), log, Duration.ofSeconds(180));
        say(String.format("  healthy after %.1f s on port %d (pid %d, log %s)",
                service.startup.toNanos() / 1e9, service.port, service.pid(), log));
    }

    private void stopService() throws InterruptedException {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    // ---------------------------------------------------------------- P8: embedded start-up

    private void measureEmbeddedStartup() throws Exception {
        say("P8 start-up of the embedded default (fresh data directory)");
        Path data = Files.createTempDirectory("bench-embedded");
        Path log = Files.createTempFile("bench-embedded", ".log");
        Map<String, String> env = Map.of("JOURNEY_DATA_DIR", data.resolve("postgres").toString());
        ReadmeForm form = readmeForm();
        report.embeddedStartupForm = form.description();
        say("  " + form.description());
        try (ServiceProcess embedded = ServiceProcess.start(form.jar(), env, form.jvmOptions(), log,
                Duration.ofSeconds(180))) {
            report.embeddedStartupSeconds = embedded.startup.toNanos() / 1e9;
            say(String.format("  health UP after %.2f s", report.embeddedStartupSeconds));
        } finally {
            deleteTree(data);
            Files.deleteIfExists(log);
        }
    }

    private record ReadmeForm(Path jar, List<String> jvmOptions, String description) {
    }

    /**
     * The README's command: the jar extracted by the package phase with its class-data archive, used where they lie
     * (the archive names the jar's path, so a copy would not map it). A service jar named with --service-jar is
     * started as it is.
     */
    private ReadmeForm readmeForm() {
        Path run = options.repoRoot().resolve(ServiceProcess.RUN_DIRECTORY);
        Path jar = run.resolve("musical-journey.jar");
        Path archive = run.resolve("musical-journey.jsa");
        if (options.given().containsKey("service-jar") || !Files.exists(jar)) {
            return new ReadmeForm(serviceJar, options.serviceJvm(), "the runnable jar (no extracted form used)");
        }
        if (!Files.exists(archive)) {
            return new ReadmeForm(jar, options.serviceJvm(),
                    "the extracted jar without its class-data archive (packaged with -DskipCds)");
        }
        List<String> jvm = new java.util.ArrayList<>(options.serviceJvm());
        jvm.add(0, "-XX:SharedArchiveFile=" + archive);
        return new ReadmeForm(jar, jvm, "the extracted jar with its class-data archive (" + ServiceProcess.RUN_DIRECTORY
                + ")");
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    // ---------------------------------------------------------------- P1 / P2 clients

    private void createScratchTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // The shape of domain_event_entry (V1 migration), with a sequence of its own.
            s.execute("""
                    CREATE TABLE bench_event_entry (
                      global_index BIGSERIAL NOT NULL PRIMARY KEY,
                      event_identifier VARCHAR(255) NOT NULL,
                      meta_data BYTEA,
                      payload BYTEA NOT NULL,
                      payload_revision VARCHAR(255),
                      payload_type VARCHAR(255) NOT NULL,
                      time_stamp VARCHAR(255) NOT NULL,
                      aggregate_identifier VARCHAR(255) NOT NULL,
                      sequence_number BIGINT NOT NULL,
                      type VARCHAR(255),
                      CONSTRAINT uk_bench_event_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
                      CONSTRAINT uk_bench_event_identifier UNIQUE (event_identifier))""");
        }
    }

    /** The raw limit: one event-sized row inserted and committed per operation, on a connection of its own. */
    final class RawInsertClient implements Load.Client {
        private final Connection connection;
        private final PreparedStatement insert;
        private final EventRows.Row template;
        private final String aggregate = UUID.randomUUID().toString();
        private long sequence;

        RawInsertClient() throws SQLException {
            connection = connect();
            connection.setAutoCommit(true);
            insert = connection.prepareStatement("""
                    INSERT INTO bench_event_entry (event_identifier, meta_data, payload, payload_revision,
                      payload_type, time_stamp, aggregate_identifier, sequence_number, type)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            var journey = io.musicaljourney.journey.JourneyId.random();
            template = EventRows.row(EventRows.visited(journey, 1, 2), journey, 2,
                    io.musicaljourney.common.UserId.of("bench-raw"), Instant.now());
        }

        @Override
        public void run() throws SQLException {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, template.metaData());
            insert.setBytes(3, template.payload());
            insert.setString(4, template.revision());
            insert.setString(5, template.payloadType());
            insert.setString(6, org.axonframework.common.DateTimeUtils.formatInstant(Instant.now()));
            insert.setString(7, aggregate);
            insert.setLong(8, sequence++);
            insert.setString(9, template.type());
            insert.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** P1 (the real visit route) or P2 (the CRUD peer): visits distinct nodes on journeys of its own. */
    final class VisitClient implements Load.Client {
        private final HttpConnection http;
        private final String user;
        private final String pathPrefix;
        private final Deque<String> journeys = new ArrayDeque<>();
        private String journey;
        private int visits;
        private long node;

        VisitClient(String kind, int index, long operations) throws Exception {
            this.http = new HttpConnection(service.port);
            this.user = kind + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + index;
            this.pathPrefix = kind.startsWith("crud") ? "/bench/crud/journeys/"
                    : kind.startsWith("append") ? "/bench/append/journeys/" : "/api/journeys/";
            long needed = operations <= 0 ? 0 : (operations + scale.nodesPerJourney() - 1) / scale.nodesPerJourney();
            for (long i = 0; i < needed; i++) {
                journeys.add(createJourney());
            }
        }

        private String createJourney() throws Exception {
            HttpConnection.Response created = http.post("/api/journeys", user, """
                    {"title":"Bench","startingNodeType":"artist","startingNodeId":"start","startingNodeName":"Start"}""");
            if (created.status() != 201) {
                throw new IllegalStateException("POST /api/journeys answered " + created.status() + " "
                        + created.text());
            }
            return JSON.readTree(created.body()).get("id").asText();
        }

        @Override
        public void run() throws Exception {
            if (journey == null || visits >= scale.nodesPerJourney()) {
                journey = journeys.isEmpty() ? createJourney() : journeys.poll();
                visits = 0;
            }
            long n = node++;
            String body = "{\"nodeId\":\"n" + n + "\",\"nodeType\":\"artist\",\"nodeName\":\"Node " + n
                    + "\",\"pathwayType\":\"influences\",\"parentNodeId\":\"start\"}";
            HttpConnection.Response response = http.post(pathPrefix + journey + "/visits", user, body);
            visits++;
            if (response.status() != 200) {
                throw new IllegalStateException(pathPrefix + " answered " + response.status() + " "
                        + response.text());
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }

    private Load.Result raw(int clients, double seconds) throws Exception {
        return Load.closed("raw-insert", clients, Long.MAX_VALUE / 4, seconds, i -> new RawInsertClient(), progress);
    }

    private Load.Result visits(String kind, int clients, int perClient) throws Exception {
        return Load.closed(kind, clients, perClient, scale.capSeconds(), i -> new VisitClient(kind, i, perClient),
                progress);
    }

    /** Three successive warm-up rounds within this fraction of each other: the JIT is done with the paths. */
    private static final double STEADY = 0.05;
    private static final int STEADY_ROUNDS = 3;

    private void warmUp() throws Exception {
        say("Warm-up (JIT, pools, caches)");
        // At the headline concurrency and long enough for the JIT's second tier to finish with the request paths:
        // with 40 visits per client at 8 clients, VisitNode was still speeding up by half during P1's own run.
        // One fixed round was not enough on a slower or busier machine: the second tier was still compiling
        // VisitNode's path (most of a core) through P1's measured run, while the CRUD peer, measured after it, ran
        // compiled code. So rounds go on until VisitNode's rate holds still, as a JMH warm-up would.
        raw(scale.headlineClients(), Math.max(0.5, scale.rawSeconds() / 2));
        int perClient = scale.warmupPerClient();
        report.warmupRounds = warmUntilSteady("p1", i -> new VisitClient("p1", i, perClient),
                "crud", i -> new VisitClient("crud", i, perClient), perClient);
    }

    /**
     * Warm-up rounds of a route and its peer, as for P1, until {@link #STEADY_ROUNDS} successive rounds of the route
     * lie within {@link #STEADY} of each other: measured cold, the route runs while its own code is still being
     * compiled, and the peer, measured after it, runs compiled code. Two rounds were not enough: in a full run of
     * 2026-12-06 P6's route held still at 1,150 req/s for two rounds and was measured there, while other runs' route
     * went on to 1,900 once the JIT's second tier had compiled it.
     */
    private int warmUntilSteady(String name, Load.ClientFactory route, String peerName, Load.ClientFactory peer,
                                int perClient) throws Exception {
        java.util.Deque<Double> recent = new java.util.ArrayDeque<>();
        for (int round = 1; round <= scale.warmupRounds(); round++) {
            double rate = Load.closed(name, scale.headlineClients(), perClient, scale.capSeconds(), route, progress)
                    .perSecond();
            Load.closed(peerName, scale.headlineClients(), perClient, scale.capSeconds(), peer, progress);
            recent.addLast(rate);
            if (recent.size() > STEADY_ROUNDS) {
                recent.removeFirst();
            }
            double low = recent.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double high = recent.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            if (recent.size() == STEADY_ROUNDS && high - low <= STEADY * low) {
                say(String.format("  warm after %d rounds (%s %,.0f to %,.0f /s over the last %d)", round, name, low,
                        high, STEADY_ROUNDS));
                return round;
            }
        }
        say(String.format("  %s still not steady after %d rounds; measuring anyway", name, scale.warmupRounds()));
        return scale.warmupRounds();
    }

    /** A route and its peer at the headline concurrency, each measured once after {@link #warmUntilSteady}. */
    private Load.Result[] afterWarmUp(String name, Load.ClientFactory route, String peerName, Load.ClientFactory peer,
                                      int perClient) throws Exception {
        warmUntilSteady(name, route, peerName, peer, perClient);
        return new Load.Result[] {
                Load.closed(name, scale.headlineClients(), perClient, scale.capSeconds(), route, progress),
                Load.closed(peerName, scale.headlineClients(), perClient, scale.capSeconds(), peer, progress)};
    }

    // ---------------------------------------------------------------- P1, P2, sweep, P8 memory

    private void sweep() throws Exception {
        say("P1/P2 closed loop against concurrency (raw JDBC insert, VisitNode over HTTP, CRUD peer over HTTP)");
        // Without the sweep (--only without SWEEP) only the headline concurrency is measured.
        List<Integer> levels = options.runs("SWEEP") ? scale.levels() : List.of(scale.headlineClients());
        for (int clients : levels) {
            boolean headline = clients == scale.headlineClients();
            int perClient = headline ? scale.headlinePerClient() : Math.max(2, scale.sweepTotal() / clients);
            Load.Result raw = raw(clients, scale.rawSeconds());
            MemorySampler memory = headline ? new MemorySampler(service) : null;
            CpuSplit p1Cpu = new CpuSplit();
            Load.Result p1;
            try {
                p1 = visits("p1", clients, perClient);
            } finally {
                if (memory != null) {
                    memory.stop();
                }
            }
            p1Cpu.stop();
            CpuSplit crudCpu = new CpuSplit();
            Load.Result crud = visits("crud", clients, perClient);
            crudCpu.stop();
            Report.SweepPoint point = new Report.SweepPoint(clients, raw, p1, crud, p1Cpu.perRequest(p1),
                    crudCpu.perRequest(crud));
            report.sweep.add(point);
            // CPU time per request of the service and of PostgreSQL: diagnostics that drift less than rates on a
            // shared machine; their sums compare the two routes' whole cost on this machine (P2's question).
            say(String.format("  c=%-3d CPU per request: VisitNode service %.2f + PostgreSQL %.2f ms; CRUD service %.2f"
                            + " + PostgreSQL %.2f ms; CRUD/VisitNode %.3f", clients, point.p1Cpu().service(),
                    point.p1Cpu().postgres(), point.crudCpu().service(), point.crudCpu().postgres(),
                    point.cpuRatio()));
            say(String.format("  c=%-3d raw %,9.0f tx/s | VisitNode %,8.0f cmd/s p50 %6.1f p99 %7.1f ms | CRUD %,8.0f"
                            + " req/s p50 %6.1f p99 %7.1f ms%s", clients, raw.perSecond(), p1.perSecond(),
                    p1.millis(50), p1.millis(99), crud.perSecond(), crud.millis(50), crud.millis(99),
                    p1.errors() + crud.errors() + raw.errors() > 0 ? "  errors: " + p1.firstError() + " "
                            + crud.firstError() + " " + raw.firstError() : ""));
            if (headline) {
                report.p1 = p1;
                report.p1Raw = raw;
                report.p2 = crud;
                report.rssBytes = memory.max();
                p1Ceiling(clients, perClient);
            }
        }
        report.p1Peak = report.sweep.stream().mapToDouble(p -> p.p1().perSecond()).max().orElse(0);
    }

    /**
     * P1's ceiling in this run: the same clients against a route of the same HTTP stack that stores the raw limit's
     * row and nothing else. Its rate over the raw limit bounds what any route storing a visit through this stack can
     * reach of P1's target. A few rounds first: its code beyond the stack (one insert) is not warmed by P1 or P2.
     */
    private void p1Ceiling(int clients, int perClient) throws Exception {
        for (int round = 0; round < CEILING_WARMUP_ROUNDS; round++) {
            visits("append", clients, perClient);
        }
        CpuSplit cpu = new CpuSplit();
        Load.Result append = visits("append", clients, perClient);
        cpu.stop();
        report.p1Ceiling = append;
        report.p1CeilingCpu = cpu.perRequest(append);
        say(String.format("  c=%-3d P1's ceiling: the HTTP stack storing the raw row %,8.0f req/s (%.3f of raw)"
                        + " p50 %6.1f p99 %7.1f ms; CPU service %.2f + PostgreSQL %.2f ms%s", clients,
                append.perSecond(), append.perSecond() / report.p1Raw.perSecond(), append.millis(50),
                append.millis(99), report.p1CeilingCpu.service(), report.p1CeilingCpu.postgres(),
                append.errors() > 0 ? "  errors: " + append.firstError() : ""));
    }

    private static final int CEILING_WARMUP_ROUNDS = 3;

    /** The CPU time the service and PostgreSQL spend between its start and {@link #stop()}. */
    final class CpuSplit {
        private final long serviceBefore = service.cpuMillis();
        private final Map<Long, Long> postgresBefore = ProcessCpu.postgresMillis();
        private long serviceMillis;
        private long postgresMillis;

        void stop() {
            long serviceAfter = service.cpuMillis();
            serviceMillis = serviceBefore < 0 || serviceAfter < 0 ? -1 : serviceAfter - serviceBefore;
            postgresMillis = ProcessCpu.between(postgresBefore, ProcessCpu.postgresMillis());
        }

        Report.CpuPerRequest perRequest(Load.Result load) {
            return new Report.CpuPerRequest(perOperation(serviceMillis, load), perOperation(postgresMillis, load));
        }

        private static double perOperation(long millis, Load.Result load) {
            return load.operations() == 0 || millis < 0 ? Double.NaN : (double) millis / load.operations();
        }
    }

    /** Samples the service's VmRSS every 100 ms while a load runs. */
    static final class MemorySampler {
        private final AtomicLong max = new AtomicLong(-1);
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Thread thread;

        MemorySampler(ServiceProcess service) {
            thread = new Thread(() -> {
                try {
                    do {
                        max.accumulateAndGet(service.residentBytes(), Math::max);
                    } while (!stopped.await(100, TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped.countDown();
            thread.join(2000);
        }

        long max() {
            return max.get();
        }
    }

    // ---------------------------------------------------------------- latency at a fixed offered load

    private double offeredRate() {
        return Math.max(5, report.p1Peak * 0.5);
    }

    private void openLoopLatency() throws Exception {
        double rate = offeredRate();
        long arrivals = Math.max(20, Math.round(rate * scale.openSeconds()));
        say(String.format("Latency at a fixed offered load: %.0f req/s (50 %% of P1's peak), open loop", rate));
        report.openP1 = Load.open("p1", rate, arrivals, scale.openWorkers(), scale.openSeconds() * 2 + 10,
                i -> new VisitClient("p1", i, 0), progress);
        report.openP2 = Load.open("crud", rate, arrivals, scale.openWorkers(), scale.openSeconds() * 2 + 10,
                i -> new VisitClient("crud", i, 0), progress);
        for (Load.Result r : List.of(report.openP1, report.openP2)) {
            say(String.format("  %-5s %,d done, %d errors, p50 %.2f p95 %.2f p99 %.2f ms%s", r.name(), r.operations(),
                    r.errors(), r.millis(50), r.millis(95), r.millis(99),
                    r.firstError() == null ? "" : " first error: " + r.firstError()));
        }
    }

    // ---------------------------------------------------------------- P3: projection lag

    /**
     * Lag from an event's insert to its row change: triggers on this benchmark's own database note the server's clock
     * at each event insert (the command's transaction) and at each journeys row change (the projector's transaction)
     * in an unlogged table, so the lag is measured on one clock, to the microsecond, independent of the HTTP answer
     * and of the read-your-writes wait. Not with {@code NOTIFY}: a transaction that notifies takes a database-wide
     * lock from its commit until the commit is flushed, which would queue the measured commits behind each other.
     */
    private void projectionLag() throws Exception {
        double rate = offeredRate();
        long arrivals = Math.max(20, Math.round(rate * scale.openSeconds()));
        say(String.format("P3 projection lag at %.0f commands/s (open loop), with a raw transaction probe", rate));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE bench_lag (kind char(1) NOT NULL, key text NOT NULL,"
                    + " at timestamptz NOT NULL DEFAULT clock_timestamp())");
            s.execute("""
                    CREATE FUNCTION bench_lag_event() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO bench_lag (kind, key)
                          VALUES ('e', NEW.aggregate_identifier || ':' || NEW.sequence_number);
                    RETURN NULL; END $$""");
            s.execute("""
                    CREATE FUNCTION bench_lag_row() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO bench_lag (kind, key) VALUES ('r', NEW.id || ':' || NEW.version);
                    RETURN NULL; END $$""");
            s.execute("CREATE TRIGGER bench_event AFTER INSERT ON domain_event_entry FOR EACH ROW"
                    + " EXECUTE FUNCTION bench_lag_event()");
            s.execute("CREATE TRIGGER bench_row AFTER INSERT OR UPDATE ON journeys FOR EACH ROW"
                    + " EXECUTE FUNCTION bench_lag_row()");
        }
        // The probe: one extra raw transaction now and then, its commit latency measured under the same load.
        org.HdrHistogram.Histogram probe = new org.HdrHistogram.Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        CountDownLatch probingDone = new CountDownLatch(1);
        Thread prober = new Thread(() -> {
            try (RawInsertClient client = new RawInsertClient()) {
                do {
                    long before = System.nanoTime();
                    client.run();
                    probe.recordValue(Math.min(probe.getHighestTrackableValue(), (System.nanoTime() - before) / 1000));
                } while (!probingDone.await(40, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                say("  probe failed: " + e);
            }
        }, "raw-probe");
        prober.setDaemon(true);
        java.sql.Timestamp from;
        java.sql.Timestamp to;
        String unseen = """
                SELECT count(*) FROM bench_lag e WHERE e.kind = 'e' AND e.at BETWEEN ? AND ?
                AND NOT EXISTS (SELECT 1 FROM bench_lag r WHERE r.kind = 'r' AND r.key = e.key)""";
        List<Long> lags = new ArrayList<>();
        long missing = 0;
        try (Connection c = connect()) {
            from = serverClock(c);
            prober.start();
            report.p3Load = Load.open("p1-lag", rate, arrivals, scale.openWorkers(), scale.openSeconds() * 2 + 10,
                    i -> new VisitClient("p3", i, 0), progress);
            to = serverClock(c);
            probingDone.countDown();
            prober.join(5000);
            try {
                Awaitility.await("every event's row change").atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> count(c, unseen, from, to) == 0);
            } catch (ConditionTimeoutException someNeverSeen) {
                // Reported as "never seen" in P3's note rather than failing the run.
            }
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT (EXTRACT(EPOCH FROM (r.first - e.at)) * 1000000)::bigint
                    FROM bench_lag e
                    LEFT JOIN (SELECT key, min(at) AS first FROM bench_lag WHERE kind = 'r' GROUP BY key) r
                           ON r.key = e.key
                    WHERE e.kind = 'e' AND e.at BETWEEN ? AND ?""")) {
                q.setTimestamp(1, from);
                q.setTimestamp(2, to);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        long micros = rows.getLong(1);
                        if (rows.wasNull()) {
                            missing++;
                        } else {
                            lags.add(micros);
                        }
                    }
                }
            }
        } finally {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER bench_event ON domain_event_entry");
                s.execute("DROP TRIGGER bench_row ON journeys");
                s.execute("DROP TABLE bench_lag");
            }
        }
        org.HdrHistogram.Histogram lag = new org.HdrHistogram.Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        for (long micros : lags) {
            lag.recordValue(Math.min(lag.getHighestTrackableValue(), Math.max(0, micros)));
        }
        report.p3Lag = lag;
        report.p3Probe = probe;
        report.p3Missing = missing;
        report.p3Rate = rate;
        say(String.format("  lag p50 %.2f p99 %.2f ms over %,d events (%d never seen); raw probe p99 %.2f ms (%d tx)",
                lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0, lag.getTotalCount(),
                missing, probe.getValueAtPercentile(99) / 1000.0, probe.getTotalCount()));
    }

    private static java.sql.Timestamp serverClock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT clock_timestamp()")) {
            r.next();
            return r.getTimestamp(1);
        }
    }

    private static long count(Connection c, String sql, java.sql.Timestamp from, java.sql.Timestamp to)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setTimestamp(1, from);
            q.setTimestamp(2, to);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    // ---------------------------------------------------------------- P4, P5: rebuild

    private void rebuild() throws Exception {
        say("P4/P5 rebuild of journeys: bulk-load real events, stop the service, reset the processor, restart");
        stopService();
        Ticker ticker = new Ticker();
        long base;
        try (Connection c = connect()) {
            base = maxIndex(c);
            int p4Journeys = scale.p4Events() / (scale.p4Visits() + 1);
            long t0 = System.nanoTime();
            EventRows.copy(c, "p4", p4Journeys, scale.p4Visits(), 16, Instant.now(), ticker);
            long p4End = maxIndex(c);
            int smallJourneys = Math.max(1, scale.p5Events() / (scale.p5SmallNodes() + 1));
            EventRows.copy(c, "p5s", smallJourneys, scale.p5SmallNodes(), 16, Instant.now(), ticker);
            long smallEnd = maxIndex(c);
            int largeJourneys = Math.max(1, scale.p5Events() / (scale.p5LargeNodes() + 1));
            EventRows.copy(c, "p5l", largeJourneys, scale.p5LargeNodes(), 16, Instant.now(), ticker);
            long largeEnd = maxIndex(c);
            say(String.format("  loaded %,d events in %.1f s (P4 %,d, P5 small %,d, P5 large %,d)", largeEnd - base,
                    (System.nanoTime() - t0) / 1e9, p4End - base, smallEnd - p4End, largeEnd - smallEnd));
            report.p4Range = new long[]{base + 1, p4End};
            report.p5SmallRange = new long[]{p4End + 1, smallEnd};
            report.p5LargeRange = new long[]{smallEnd + 1, largeEnd};
            report.loaderCheck = checkLoadedRows(c, base + 1);
            say("  loader check: " + report.loaderCheck);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM (ANALYZE) domain_event_entry");
            }
            say("  raw streaming scan with deserialization (the peer)");
            long scanStart = System.nanoTime();
            long rows = EventRows.scan(c, base + 1, p4End, ticker);
            report.p4ScanPerSecond = rows / ((System.nanoTime() - scanStart) / 1e9);
            say(String.format("  raw scan: %,d events, %,.0f events/s", rows, report.p4ScanPerSecond));
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM token_entry WHERE processor_name = 'journeys'");
                s.execute("TRUNCATE journeys");
            }
        }
        RebuildMonitor monitor = new RebuildMonitor(new long[]{size(report.p4Range), size(report.p5SmallRange),
                size(report.p5LargeRange)}, scale.rebuildCapSeconds());
        monitor.start();
        startService("rebuild");
        monitor.join((long) (scale.rebuildCapSeconds() * 1000) + 400_000);
        monitor.finish();
        report.rebuild = monitor;
        double p4Seconds = monitor.secondsPerEvent(1) * size(report.p4Range);
        report.p4RebuildPerSecond = 1 / monitor.secondsPerEvent(1);
        report.p5SmallPerEvent = monitor.secondsPerEvent(2);
        report.p5LargePerEvent = monitor.secondsPerEvent(3);
        say(String.format("  rebuild: P4 range %,.0f events/s (%.1f s); P5 %.1f us/event (10 nodes) vs %.1f us/event"
                        + " (%d nodes)%s", report.p4RebuildPerSecond, p4Seconds, report.p5SmallPerEvent * 1e6,
                report.p5LargePerEvent * 1e6, scale.p5LargeNodes(), monitor.capped ? " [capped]" : ""));
    }

    private static long size(long[] range) {
        return range[1] - range[0] + 1;
    }

    private static long maxIndex(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Compares a loaded NodeVisitedEvent row with one the service itself wrote during P1. */
    private String checkLoadedRows(Connection c, long firstLoaded) throws Exception {
        String sql = "SELECT payload, payload_type, payload_revision, meta_data, time_stamp, type FROM domain_event_entry"
                + " WHERE payload_type LIKE '%NodeVisitedEvent' AND global_index OP ? ORDER BY global_index LIMIT 1";
        Map<String, Object> real = rowShape(c, sql.replace("OP", "<"), firstLoaded);
        Map<String, Object> loaded = rowShape(c, sql.replace("OP", ">="), firstLoaded);
        if (real == null || loaded == null) {
            return "not compared (no row written by the service)";
        }
        List<String> differences = new ArrayList<>();
        real.forEach((k, v) -> {
            if (!v.equals(loaded.get(k))) {
                differences.add(k + ": service " + v + ", loader " + loaded.get(k));
            }
        });
        return differences.isEmpty()
                ? "loaded rows match the service's own (payload fields, metadata keys, types, revision, time format)"
                : "DIFFERENT from the service's rows: " + differences;
    }

    private Map<String, Object> rowShape(Connection c, String sql, long index) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, index);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Map<String, Object> shape = new LinkedHashMap<>();
                shape.put("payload fields", fieldNames(JSON.readTree(r.getBytes(1))));
                shape.put("payload_type", r.getString(2));
                shape.put("payload_revision", String.valueOf(r.getString(3)));
                shape.put("metadata keys", new java.util.TreeSet<>(fieldNames(JSON.readTree(r.getBytes(4)))));
                shape.put("time_stamp format", r.getString(5).replaceAll("[0-9]", "9"));
                shape.put("type", String.valueOf(r.getString(6)));
                return shape;
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Follows the rebuild from before the service starts: every 100 ms it sums, per data set, the events folded into
     * the rows ({@code version + 1}: each row remembers the sequence number of the last event folded into it, and
     * the start event is sequence 0), until every loaded event is folded or the cap is reached.
     */
    final class RebuildMonitor extends Thread {
        /** {nanoTime, folded p4, folded p5 small, folded p5 large} */
        final List<long[]> samples = new ArrayList<>();
        private final long[] totals;
        private final double capSeconds;
        private final CountDownLatch stopped = new CountDownLatch(1);
        long started;
        volatile boolean capped;
        volatile boolean reached;
        String error;

        RebuildMonitor(long[] totals, double capSeconds) {
            super("rebuild-monitor");
            setDaemon(true);
            this.totals = totals;
            this.capSeconds = capSeconds;
        }

        @Override
        public void run() {
            started = System.nanoTime();
            long lastSay = started;
            try (Connection c = connect();
                 PreparedStatement s = c.prepareStatement("""
                         SELECT split_part(user_id, '-', 1), sum(version + 1) FROM journeys
                         WHERE user_id LIKE 'p4-%' OR user_id LIKE 'p5s-%' OR user_id LIKE 'p5l-%' GROUP BY 1""")) {
                long firstFolded = -1;
                do {
                    long now = System.nanoTime();
                    // The cap runs from the first folded event; the service's start-up gets 5 minutes on top.
                    if (firstFolded >= 0 ? now - firstFolded > capSeconds * 1e9
                            : now - started > (capSeconds + 300) * 1e9) {
                        capped = true;
                        return;
                    }
                    long[] sample = {now, 0, 0, 0};
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            int slot = switch (r.getString(1)) {
                                case "p4" -> 1;
                                case "p5s" -> 2;
                                default -> 3;
                            };
                            sample[slot] = r.getLong(2);
                        }
                    }
                    synchronized (samples) {
                        samples.add(sample);
                    }
                    if (firstFolded < 0 && sample[1] + sample[2] + sample[3] > 0) {
                        firstFolded = now;
                    }
                    if (now - lastSay > 3_000_000_000L) {
                        say(String.format("    rebuild after %.0f s: P4 %,d/%,d, P5 small %,d/%,d, P5 large %,d/%,d",
                                (now - started) / 1e9, sample[1], totals[0], sample[2], totals[1], sample[3],
                                totals[2]));
                        lastSay = now;
                    }
                    if (sample[1] >= totals[0] && sample[2] >= totals[1] && sample[3] >= totals[2]) {
                        reached = true;
                        return;
                    }
                } while (!stopped.await(100, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                error = e.toString();
            }
        }

        void finish() {
            stopped.countDown();
        }

        private long firstTime(int slot, long atLeast) {
            synchronized (samples) {
                for (long[] sample : samples) {
                    if (sample[slot] >= atLeast) {
                        return sample[0];
                    }
                }
            }
            return -1;
        }

        /**
         * Seconds per event of one data set (1 = P4, 2 = P5 small, 3 = P5 large), from the first sample showing
         * any of its events folded to the first showing all; when the cap stopped the rebuild inside it, over the
         * part done.
         */
        double secondsPerEvent(int slot) {
            long from = firstTime(slot, 1);
            if (from < 0) {
                return Double.NaN;
            }
            long total = totals[slot - 1];
            long to = firstTime(slot, total);
            if (to >= 0) {
                return Math.max(1e-3, (to - from) / 1e9) / total;
            }
            long[] last;
            synchronized (samples) {
                last = samples.get(samples.size() - 1);
            }
            return last[slot] <= 0 || last[0] <= from ? Double.NaN : (last[0] - from) / 1e9 / last[slot];
        }

        /** From the first folded event of the loaded data to the last. */
        double totalSeconds() {
            long first = -1;
            synchronized (samples) {
                for (long[] sample : samples) {
                    if (sample[1] + sample[2] + sample[3] > 0) {
                        first = sample[0];
                        break;
                    }
                }
            }
            if (first < 0 || !reached) {
                return Double.NaN;
            }
            long[] last;
            synchronized (samples) {
                last = samples.get(samples.size() - 1);
            }
            return (last[0] - first) / 1e9;
        }
    }

    // ---------------------------------------------------------------- P6: list query with 1,000,000 journeys

    private void listQuery() throws Exception {
        int users = Math.max(1, scale.p6Rows() / scale.p6RowsPerUser());
        say(String.format("P6 GET /api/journeys with %,d journeys of %,d users in the table", scale.p6Rows(), users));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            int chunk = 100_000;
            for (int from = 0; from < scale.p6Rows(); from += chunk) {
                int to = Math.min(scale.p6Rows(), from + chunk) - 1;
                s.execute("""
                        INSERT INTO journeys (id, user_id, title, starting_node_type, starting_node_id,
                          starting_node_name, nodes_visited, created_at, updated_at, version)
                        SELECT gen_random_uuid(), 'p6-u' || (g %% %d), 'Journey ' || g, 'artist', 'a-' || (g %% 5000),
                          'Artist ' || (g %% 5000),
                          jsonb_build_array(jsonb_build_object('nodeId', 'n-' || g, 'nodeType', 'artist',
                            'nodeName', 'Node ' || g, 'pathwayType', 'influences',
                            'visitedAt', '2025-01-01T00:00:00Z', 'parentNodeId', 'a-' || (g %% 5000),
                            'narrative', null)),
                          timestamp '2025-01-01' + g * interval '1 second',
                          timestamp '2025-01-01' + ((g::bigint * 7919) %% %d) * interval '1 second', 1
                        FROM generate_series(%d, %d) g""".formatted(users, scale.p6Rows(), from, to));
                say(String.format("    inserted %,d rows", to + 1));
            }
            s.execute("VACUUM (ANALYZE) journeys");
        }
        Random seed = new Random(7);
        Load.ClientFactory route = i -> {
            HttpConnection http = new HttpConnection(service.port);
            Random r = new Random(seed.nextLong());
            return new Load.Client() {
                @Override
                public void run() throws Exception {
                    HttpConnection.Response response = http.get("/api/journeys?limit=25",
                            "p6-u" + r.nextInt(users));
                    if (response.status() != 200 || response.body().length < 100) {
                        throw new IllegalStateException("GET /api/journeys " + response.status());
                    }
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
        Load.ClientFactory raw = i -> {
            Connection c = connect();
            PreparedStatement query = c.prepareStatement(OWNER_LIST_SQL);
            Random r = new Random(seed.nextLong());
            return new Load.Client() {
                @Override
                public void run() throws Exception {
                    query.setString(1, "p6-u" + r.nextInt(users));
                    query.setInt(2, 25);
                    query.setInt(3, 0);
                    int rows = 0;
                    try (ResultSet result = query.executeQuery()) {
                        while (result.next()) {
                            for (int col = 1; col <= 11; col++) {
                                result.getString(col);
                            }
                            rows++;
                        }
                    }
                    if (rows == 0) {
                        throw new IllegalStateException("no rows");
                    }
                }

                @Override
                public void close() throws SQLException {
                    c.close();
                }
            };
        };
        Load.Result[] measured = afterWarmUp("list-http", route, "list-raw", raw, scale.p6PerClient());
        report.p6Http = measured[0];
        report.p6Raw = measured[1];
        say(String.format("  HTTP %,.0f req/s (p99 %.2f ms) vs raw JDBC %,.0f q/s (p99 %.2f ms)%s",
                report.p6Http.perSecond(), report.p6Http.millis(99), report.p6Raw.perSecond(), report.p6Raw.millis(99),
                report.p6Http.errors() > 0 ? " errors: " + report.p6Http.firstError() : ""));
    }

    // ---------------------------------------------------------------- P7: pathway from Redis

    private void pathwayFromRedis() throws Exception {
        say("P7 a pathway request answered from Redis");
        String[] node = catalogNode();
        String path = "/api/pathways/" + node[0] + "/" + node[1] + "?name="
                + java.net.URLEncoder.encode(node[2], StandardCharsets.UTF_8);
        report.p7Route = "GET " + path;
        HttpConnection.Response first;
        try (HttpConnection http = new HttpConnection(service.port)) {
            first = http.get(path, "p7-user");
            for (int i = 0; i < 5 && first.status() == 200; i++) {
                first = http.get(path, "p7-user");
            }
        }
        if (first.status() != 200) {
            report.p7Unavailable = first.status() == 404
                    ? "not available: the pathway route answers 404 (not built yet)"
                    : "not available: the pathway route answers " + first.status();
            say("  " + report.p7Unavailable);
            return;
        }
        byte[] value = first.body();
        String key = findRedisKey(node[1]);
        if (key == null) {
            key = "bench:p7:" + UUID.randomUUID();
            try (RedisConnection redis = new RedisConnection(options.redisPort(), report.redisDatabase)) {
                redis.command(key.getBytes(StandardCharsets.UTF_8), value);
                redis.command("EXPIRE", key, "600");
            }
            report.p7KeyNote = "the service's key was not found; the peer GETs a key holding the response body ("
                    + value.length + " bytes)";
        } else {
            report.p7KeyNote = "the peer GETs the service's own key `" + key + "`";
        }
        String peerKey = key;
        Load.ClientFactory route = i -> {
            HttpConnection http = new HttpConnection(service.port);
            return new Load.Client() {
                @Override
                public void run() throws Exception {
                    HttpConnection.Response response = http.get(path, "p7-user-" + i);
                    if (response.status() != 200) {
                        throw new IllegalStateException("pathway route " + response.status());
                    }
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
        Load.ClientFactory peer = i -> {
            HttpConnection http = new HttpConnection(service.port);
            RedisConnection redis = new RedisConnection(options.redisPort(), report.redisDatabase);
            byte[] get = "GET".getBytes(StandardCharsets.UTF_8);
            byte[] keyBytes = peerKey.getBytes(StandardCharsets.UTF_8);
            return new Load.Client() {
                @Override
                public void run() throws Exception {
                    if (redis.command(get, keyBytes) == null) {
                        throw new IllegalStateException("Redis key gone");
                    }
                    if (http.get("/bench/empty", "p7-user-" + i).status() != 200) {
                        throw new IllegalStateException("empty endpoint failed");
                    }
                }

                @Override
                public void close() throws IOException {
                    http.close();
                    redis.close();
                }
            };
        };
        Load.Result[] measured = afterWarmUp("pathway", route, "redis+empty", peer, scale.p7PerClient());
        report.p7Http = measured[0];
        report.p7Peer = measured[1];
        say(String.format("  pathway %,.0f req/s vs Redis GET + empty endpoint %,.0f /s", report.p7Http.perSecond(),
                report.p7Peer.perSecond()));
    }

    private String[] catalogNode() {
        Path catalog = options.repoRoot().resolve("pathways/src/main/resources/catalog/offline-catalog.json");
        try {
            JsonNode root = JSON.readTree(catalog.toFile());
            for (String[] kind : new String[][]{{"artists", "artist"}, {"genres", "genre"}}) {
                JsonNode first = root.path(kind[0]).path(0);
                if (first.hasNonNull("id")) {
                    return new String[]{kind[1], first.get("id").asText(), first.path("name").asText("x")};
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall through
        }
        return new String[]{"artist", "radiohead", "Radiohead"};
    }

    @SuppressWarnings("unchecked")
    private String findRedisKey(String nodeId) {
        try (RedisConnection redis = new RedisConnection(options.redisPort(), report.redisDatabase)) {
            String cursor = "0";
            for (int round = 0; round < 200; round++) {
                List<Object> reply = (List<Object>) redis.command("SCAN", cursor, "MATCH", "*" + nodeId + "*",
                        "COUNT", "1000");
                cursor = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
                for (Object k : (List<Object>) reply.get(1)) {
                    String key = new String((byte[]) k, StandardCharsets.UTF_8);
                    if ("string".equals(redis.command("TYPE", key))) {
                        return key;
                    }
                }
                if (cursor.equals("0")) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Progress of long single-threaded steps. */
    static final class Ticker {
        private long last;

        void tick(String what, long done, long total) {
            long now = System.nanoTime();
            if (now - last > 3_000_000_000L) {
                last = now;
                say(String.format(Locale.ROOT, "    %s: %,d/%,d", what, done, total));
            }
        }
    }
}
