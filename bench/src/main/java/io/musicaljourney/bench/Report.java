package io.musicaljourney.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one run measured, the figures as ratios with their targets, and the report written from them. */
public final class Report {

    /** One row of the results table. A figure is produced when its ratio is a finite number. */
    public record Figure(String id, String measure, String measured, String peer, double ratio, String target,
                         boolean higherIsBetter, double threshold, String note) {

        public boolean produced() {
            return Double.isFinite(ratio);
        }

        public String verdict() {
            if (!produced()) {
                return "n/a";
            }
            return (higherIsBetter ? ratio >= threshold : ratio <= threshold) ? "pass" : "FAIL";
        }
    }

    /** CPU milliseconds per request of the service and of PostgreSQL (NaN where /proc does not tell). */
    record CpuPerRequest(double service, double postgres) {
        double total() {
            return service + postgres;
        }
    }

    record SweepPoint(int clients, Load.Result raw, Load.Result p1, Load.Result crud, CpuPerRequest p1Cpu,
                      CpuPerRequest crudCpu) {

        /** P2's question asked of the CPU: a CRUD request's whole cost over a VisitNode's. */
        double cpuRatio() {
            return crudCpu.total() / p1Cpu.total();
        }
    }

    final Scale scale;
    final Map<String, String> conditions = new LinkedHashMap<>();
    final Map<String, String> pgSettings = new LinkedHashMap<>();
    final List<SweepPoint> sweep = new ArrayList<>();
    String fsyncOutput;
    String loadAtEnd;
    String failure;
    double totalSeconds;
    int redisDatabase;

    List<String> jvmOptions = List.of();
    double embeddedStartupSeconds = Double.NaN;
    String embeddedStartupForm = "";
    long rssBytes = -1;
    Load.Result p1;
    Load.Result p1Raw;
    Load.Result p2;
    Load.Result p1Ceiling;
    CpuPerRequest p1CeilingCpu;
    double p1Peak;
    int warmupRounds;
    Load.Result openP1;
    Load.Result openP2;
    Load.Result p3Load;
    Histogram p3Lag;
    Histogram p3Probe;
    long p3Missing;
    double p3Rate;
    long[] p4Range;
    long[] p5SmallRange;
    long[] p5LargeRange;
    String loaderCheck;
    double p4ScanPerSecond = Double.NaN;
    double p4RebuildPerSecond = Double.NaN;
    double p5SmallPerEvent = Double.NaN;
    double p5LargePerEvent = Double.NaN;
    Bench.RebuildMonitor rebuild;
    Load.Result p6Http;
    Load.Result p6Raw;
    String p7Route;
    String p7Unavailable;
    String p7KeyNote;
    Load.Result p7Http;
    Load.Result p7Peer;

    Report(Scale scale) {
        this.scale = scale;
    }

    /** Every figure was produced (P7 may instead say why its route is not available yet). */
    public boolean complete() {
        return failure == null && figures().stream()
                .allMatch(f -> f.produced() || (f.id().equals("P7") && p7Unavailable != null));
    }

    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("P1", "VisitNode over HTTP, " + scale.headlineClients() + " clients, commands/s",
                rate(p1, "cmd/s"), rate(p1Raw, "tx/s") + " raw JDBC INSERT+commit, same threads",
                ratio(p1, p1Raw), ">= 0.5x", true, 0.5, warmedUp(errors(p1))));
        figures.add(new Figure("P2", "the same load vs a CRUD peer (one UPDATE ... || jsonb per request)",
                rate(p1, "cmd/s"), rate(p2, "req/s") + " CRUD peer over the same HTTP stack",
                ratio(p1, p2), ">= 0.5x", true, 0.5, errors(p2)));
        double lag99 = p3Lag == null || p3Lag.getTotalCount() == 0 ? Double.NaN : p3Lag.getValueAtPercentile(99) / 1e3;
        double lag50 = p3Lag == null || p3Lag.getTotalCount() == 0 ? Double.NaN : p3Lag.getValueAtPercentile(50) / 1e3;
        double probe99 = p3Probe == null || p3Probe.getTotalCount() == 0 ? Double.NaN
                : p3Probe.getValueAtPercentile(99) / 1e3;
        String lagNote = p3Lag == null ? "" : String.format("%,d events at %.0f cmd/s; %d never seen",
                p3Lag.getTotalCount(), p3Rate, p3Missing);
        figures.add(new Figure("P3 p99", "projection lag p99, commit to row visible",
                ms(lag99), ms(probe99) + " p99 of one extra raw transaction at that load",
                lag99 / probe99, "<= 5x", false, 5, lagNote));
        figures.add(new Figure("P3 p50", "projection lag p50", ms(lag50), "10 ms (the target itself)",
                lag50 / 10.0, "<= 10 ms (ratio <= 1)", false, 1, ""));
        figures.add(new Figure("P4", "rebuild of journeys, events/s over " + count(p4Range) + " events",
                perSecond(p4RebuildPerSecond, "events/s"),
                perSecond(p4ScanPerSecond, "events/s") + " raw streaming scan + Jackson deserialization",
                p4RebuildPerSecond / p4ScanPerSecond, ">= 0.25x", true, 0.25,
                rebuild == null ? "" : (rebuild.capped ? "rebuild stopped at the cap; " : "")
                        + String.format("whole rebuild %.1f s", rebuild.totalSeconds())));
        figures.add(new Figure("P5", "projector cost per event, journeys of " + scale.p5LargeNodes() + " vs "
                        + scale.p5SmallNodes() + " nodes (" + count(p5LargeRange) + " vs " + count(p5SmallRange)
                        + " events)", micros(p5LargePerEvent), micros(p5SmallPerEvent) + " per event at "
                        + scale.p5SmallNodes() + " nodes", p5LargePerEvent / p5SmallPerEvent, "<= 2x", false, 2,
                rebuild != null && rebuild.capped ? "large journeys measured over the part done before the cap" : ""));
        figures.add(new Figure("P6", "GET /api/journeys (limit 25) with " + String.format("%,d", scale.p6Rows())
                        + " journeys in the table", rate(p6Http, "req/s"), rate(p6Raw, "q/s")
                        + " raw JDBC of the same SQL, same concurrency", ratio(p6Http, p6Raw), ">= 0.7x", true, 0.7,
                errors(p6Http)));
        if (p7Unavailable != null) {
            figures.add(new Figure("P7", "a pathway request answered from Redis", p7Unavailable, "-", Double.NaN,
                    ">= 0.7x", true, 0.7, p7Route == null ? "" : p7Route));
        } else {
            figures.add(new Figure("P7", "a pathway request answered from Redis", rate(p7Http, "req/s"),
                    rate(p7Peer, "/s") + " raw Redis GET + the empty endpoint", ratio(p7Http, p7Peer), ">= 0.7x",
                    true, 0.7, (p7KeyNote == null ? "" : p7KeyNote) + " " + errors(p7Http)));
        }
        figures.add(new Figure("P8 start", "start-up of the embedded default, fresh data directory, to health UP",
                String.format("%.2f s", embeddedStartupSeconds), "10 s (the target itself)",
                embeddedStartupSeconds / 10.0, "<= 10 s (ratio <= 1)", false, 1,
                "includes initdb; " + embeddedStartupForm));
        double rssMb = rssBytes <= 0 ? Double.NaN : rssBytes / (1024.0 * 1024.0);
        figures.add(new Figure("P8 memory", "resident memory (VmRSS, max) of the service under P1's load",
                String.format("%.0f MB", rssMb), "512 MB (the target itself)", rssMb / 512.0,
                "<= 512 MB (ratio <= 1)", false, 1, "JVM options " + String.join(" ", jvmOptions)));
        return figures;
    }

    private static String count(long[] range) {
        return range == null ? "?" : String.format("%,d", range[1] - range[0] + 1);
    }

    private static double ratio(Load.Result a, Load.Result b) {
        if (a == null || b == null || a.operations() == 0 || b.operations() == 0) {
            return Double.NaN;
        }
        return a.perSecond() / b.perSecond();
    }

    private static String rate(Load.Result r, String unit) {
        return r == null ? "-" : String.format("%,.0f %s", r.perSecond(), unit);
    }

    private static String perSecond(double value, String unit) {
        return Double.isFinite(value) ? String.format("%,.0f %s", value, unit) : "-";
    }

    private static String ms(double value) {
        return Double.isFinite(value) ? String.format("%.2f ms", value) : "-";
    }

    private static String micros(double seconds) {
        return Double.isFinite(seconds) ? String.format("%.1f us", seconds * 1e6) : "-";
    }

    /** How many warm-up rounds it took VisitNode's rate to hold still before it was measured. */
    private String warmedUp(String note) {
        String rounds = warmupRounds == 0 ? ""
                : "after " + warmupRounds + " warm-up round" + (warmupRounds == 1 ? "" : "s");
        return note.isEmpty() ? rounds : rounds.isEmpty() ? note : rounds + "; " + note;
    }

    private static String errors(Load.Result r) {
        if (r == null || r.errors() == 0) {
            return r != null && r.capped() ? "stopped at the time cap" : "";
        }
        return r.errors() + " errors, first: " + r.firstError();
    }

    String consoleTable() {
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format("%-10s %-22s %-58s %9s %-22s %s%n", "id", "measured", "limit or peer", "ratio",
                "target", "result"));
        for (Figure f : figures()) {
            out.append(String.format("%-10s %-22s %-58s %9s %-22s %s%n", f.id(), clip(f.measured(), 22),
                    clip(f.peer(), 58), f.produced() ? String.format("%.3f", f.ratio()) : "-", f.target(),
                    f.verdict()));
        }
        return out.toString();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        tuningLog = keptTuningLog(dir.resolve("benchmarks.md"));
        Files.writeString(dir.resolve("benchmarks-chart.svg"), Chart.svg(this), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("benchmarks.md"), markdown(), StandardCharsets.UTF_8);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        md.append("# Benchmarks\n\n");
        if (!scale.name().equals("full")) {
            md.append("> **Not yet measured at full scale.** This report comes from a `--scale=").append(scale.name())
                    .append("` run (tiny numbers, seconds): it shows the structure, not the service's speed.\n\n");
        }
        md.append("Written by the benchmark (`bench/`, issue 5) on ").append(when).append(", scale `")
                .append(scale.name()).append("`, in ").append(String.format("%.0f s", totalSeconds)).append(".\n\n");
        md.append("""
                Run it (about 10 to 15 minutes at full scale on the 2-core machine; PostgreSQL on 127.0.0.1:5432 with
                trust for `postgres`, Redis on 127.0.0.1:6379, nothing else heavy running):

                ```sh
                ./mvnw -q -pl bench -am package -DskipTests && java -jar bench/target/musical-journey-bench.jar --scale=full
                ```

                It creates a database of its own (`mj_bench_<random>`), starts `app/target/musical-journey.jar` against
                it with the `bench` profile and local identities, measures, rewrites this file and
                `benchmarks-chart.svg`, and drops the database. `--scale=smoke` runs everything with tiny numbers into
                `bench/target/bench-smoke/` (CI runs it as `BenchSmokeIT`; it checks that every figure is produced,
                never a speed). Every figure is a ratio to a limit or a peer measured **in the same run**, because
                absolute rates on this shared machine drift; the load generator runs on the same 2 cores as the service
                and PostgreSQL, for the figure and its peer alike.

                """);
        if (failure != null) {
            md.append("**The run failed:** `").append(failure.lines().findFirst().orElse("")).append("`\n\n");
        }
        md.append("## Results\n\n| id | measure | measured | limit or peer (same run) | ratio | target | result | note |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Figure f : figures()) {
            md.append("| ").append(f.id()).append(" | ").append(cell(f.measure())).append(" | ")
                    .append(cell(f.measured())).append(" | ").append(cell(f.peer())).append(" | ")
                    .append(f.produced() ? String.format("%.3f", f.ratio()) : "-").append(" | ").append(f.target())
                    .append(" | ").append(f.verdict()).append(" | ").append(cell(f.note().trim()))
                    .append(" |\n");
        }
        if (p1Ceiling != null && p1Raw != null && p1 != null) {
            md.append(String.format("%nP1's ceiling in this run: the same clients against `POST /bench/append/journeys"
                            + "/{id}/visits`, the same HTTP stack storing the raw limit's row (one INSERT and its commit)"
                            + " and nothing else, no aggregate and no read model, answered %,.0f req/s, **%.3f of the"
                            + " raw limit** (CPU per request: service %.2f + PostgreSQL %.2f ms); VisitNode reached"
                            + " %.3f of that ceiling. No route that stores a visit through this stack can pass P1"
                            + " where this one does not.%n",
                    p1Ceiling.perSecond(), p1Ceiling.perSecond() / p1Raw.perSecond(),
                    p1CeilingCpu == null ? Double.NaN : p1CeilingCpu.service(),
                    p1CeilingCpu == null ? Double.NaN : p1CeilingCpu.postgres(),
                    p1.perSecond() / p1Ceiling.perSecond()));
        }
        md.append("\n## Latency at a fixed offered load\n\n");
        md.append(String.format("Open loop at %.0f requests/s (50 %% of P1's peak in this run), %d workers, each on "
                + "journeys of its own; latency counted from the scheduled start, so queueing counts too.%n%n",
                openP1 == null ? 0.0 : p1Peak * 0.5, scale.openWorkers()));
        md.append("| load | requests | errors | p50 | p95 | p99 | max |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Load.Result r : new Load.Result[]{openP1, openP2, p3Load}) {
            if (r == null) {
                continue;
            }
            String name = switch (r.name()) {
                case "p1" -> "P1 VisitNode (`POST /api/journeys/{id}/visits`)";
                case "crud" -> "P2 CRUD peer (`POST /bench/crud/journeys/{id}/visits`)";
                default -> "P3 run: VisitNode with the lag triggers";
            };
            md.append(String.format("| %s | %,d | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", name,
                    r.operations(), r.errors(), r.millis(50), r.millis(95), r.millis(99), r.millis(100)));
        }
        md.append("\n## Throughput and latency against concurrency\n\n![throughput and latency against concurrency]"
                + "(benchmarks-chart.svg)\n\n");
        md.append("Closed loop: each client sends its next request when the last one is answered. Raw: one "
                + "event-sized INSERT + commit per operation into `bench_event_entry` (the shape of "
                + "`domain_event_entry`). VisitNode: `POST /api/journeys/{id}/visits`, a client moving to a new "
                + "journey every " + scale.nodesPerJourney() + " visits. CRUD: the `bench` profile's one-UPDATE peer."
                + " CPU: milliseconds of CPU per request of the service + of PostgreSQL's processes (from /proc,"
                + " everything they did meanwhile), which drift less than rates on a shared machine; CRUD/VisitNode"
                + " is the ratio of the two sums, P2's question asked of the CPU."
                + "\n\n| clients | raw tx/s | VisitNode cmd/s | ratio | p50 / p99 ms | CRUD req/s | p50 / p99 ms"
                + " | VisitNode CPU ms | CRUD CPU ms | CPU CRUD/VisitNode |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (SweepPoint p : sweep) {
            md.append(String.format("| %d | %,.0f | %,.0f | %.3f | %.1f / %.1f | %,.0f | %.1f / %.1f | %.2f + %.2f"
                            + " | %.2f + %.2f | %.3f |%n",
                    p.clients(), p.raw().perSecond(), p.p1().perSecond(), p.p1().perSecond() / p.raw().perSecond(),
                    p.p1().millis(50), p.p1().millis(99), p.crud().perSecond(), p.crud().millis(50),
                    p.crud().millis(99), p.p1Cpu().service(), p.p1Cpu().postgres(), p.crudCpu().service(),
                    p.crudCpu().postgres(), p.cpuRatio()));
        }
        md.append("\n## Machine and conditions\n\n| what | value |\n| --- | --- |\n");
        conditions.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|"))
                .append(" |\n"));
        md.append("| load average at the end | ").append(loadAtEnd).append(" |\n");
        md.append("\nPostgreSQL settings (`SHOW`): ");
        List<String> settings = new ArrayList<>();
        pgSettings.forEach((k, v) -> settings.add("`" + k + "` = " + v));
        md.append(String.join(", ", settings)).append(".\n\n");
        md.append("## How each figure is measured\n\n");
        md.append("""
                - **P1**: 16 closed-loop clients, each on journeys of its own (created before the clock starts, a new
                  one every %d visits, so every run folds journeys of the same lengths), each sending a fixed number of
                  visits (%d); the service answers after its read-your-writes wait (the default 3 s bound), as in
                  production. Before the sweep, warm-up rounds of VisitNode and the CRUD peer at 16 clients go on
                  until three successive rounds of VisitNode lie within 5 %% of each other (at most %d rounds): the
                  JIT's second tier compiles VisitNode's path for longer than a fixed warm-up lasts on a slow machine,
                  and two rounds could agree on a plateau before it had finished. The limit: 16
                  threads each inserting and committing one row of a real serialized
                  `NodeVisitedEvent` (payload and metadata bytes) into a table shaped like `domain_event_entry`, with
                  its unique constraints. P1's ceiling, after P2 and three rounds of its own: the same clients against
                  `POST /bench/append/journeys/{id}/visits` (profile `bench` only), the same filters, bearer
                  resolution and JSON body, then that insert and its commit, and nothing else.
                - **P2**: the same clients against `POST /bench/crud/journeys/{id}/visits` (profile `bench` only):
                  same filters, bearer resolution and JSON body, then one
                  `UPDATE journeys SET nodes_visited = nodes_visited || ?::jsonb WHERE id = ? AND user_id = ?`.
                - **P3**: an open loop of VisitNode at 50 %% of P1's peak. Two triggers in the benchmark's own database
                  note PostgreSQL's `clock_timestamp()` in an unlogged table at each event insert (the command's
                  transaction) and at each `journeys` row change (the projector's transaction), so the lag is measured
                  on one clock, to the microsecond, independent of the HTTP answer and of the read-your-writes wait
                  (which therefore stays on). Not with `NOTIFY`: a notifying transaction holds a database-wide lock
                  from its commit until it is flushed, which would queue the measured commits behind each other. The
                  peer: a probe thread inserting and committing one raw row every 40 ms during the same load. The
                  triggers add an unlogged insert to both transactions; they exist only during P3.
                - **P4**: real events bulk-loaded with `COPY`: rows as the service's JDBC engine writes them (Axon's
                  `JacksonSerializer` with the service's mapper settings, payload type = class name, revision `1`,
                  metadata `traceId`/`correlationId`/`userId`/`requestId`, Axon's time format), %,d journeys of one
                  start and %d visits, interleaved in groups of 16 as concurrent clients would write them. Loader check:
                  %s. Then the service is stopped, the `journeys` token rows deleted, `journeys` truncated and the
                  service started: its processor has no tokens, so the service folds the stored events in bulk before
                  the processor starts (`ProjectionCatchUp`, ADR 0010; at most 2 minutes, then the processor takes
                  the rest). Every 100 ms the benchmark sums `version + 1` of the rebuilt rows per data set (a
                  row remembers the sequence number of the last event folded into it), until every loaded event is
                  folded. The figure is the rate over the P4 data, from its first folded event to its last (the stream
                  also holds the P1-P3 events before it and the P5 events after it). The peer streams the same range with plain JDBC (fetch size 1,000)
                  and deserializes every payload into its record and every metadata into a map, with the service
                  stopped.
                - **P5**: in the same rebuild, after the P4 range: %s events in journeys of %d visits, then %s events
                  in journeys of %d visits; time per event from the first to the last event of each set folded. A journey's row grows
                  from 0 to its size during the range, so "holding 1,000 nodes" is an average over that growth.
                - **P6**: %,d rows inserted with `generate_series` (%,d journeys per user), `VACUUM ANALYZE`, then 16
                  closed-loop clients asking `GET /api/journeys?limit=25` for random users, vs 16 JDBC threads running
                  the handler's SQL (`JourneyQueryHandler`, owner list) with the same parameters and reading every
                  column, both after warm-up rounds of the same two loads until the route's rate holds still (as
                  for P1).
                - **P7**: `GET /api/pathways/{nodeType}/{nodeId}?name=` for a node of the offline catalog, repeated so
                  it is served from Redis, vs one raw Redis `GET` of the same value plus `GET /bench/empty` (same
                  HTTP stack and bearer resolution, nothing else) per operation, both after warm-up rounds of the
                  same two loads until the route's rate holds still (as for P1); skipped with a "not available" row
                  while the route answers 404.
                - **P8**: the service started as the README says (the extracted jar in `app/target/run` with the
                  class-data archive the package phase wrote beside it, the README's JVM options, no database
                  configured, a fresh temporary `JOURNEY_DATA_DIR`, so initdb is included) until
                  `/actuator/health` is UP; resident memory is the largest `VmRSS` of the service process (the
                  runnable jar, like P1 to P7) sampled every 100 ms during P1's 16-client run.

                """.formatted(scale.nodesPerJourney(), scale.headlinePerClient(), scale.warmupRounds(),
                scale.p4Events() / (scale.p4Visits() + 1), scale.p4Visits(),
                loaderCheck == null ? "not run" : loaderCheck, count(p5SmallRange), scale.p5SmallNodes(),
                count(p5LargeRange), scale.p5LargeNodes(), scale.p6Rows(), scale.p6RowsPerUser()));
        md.append(tuningLog == null ? DEFAULT_TUNING_LOG : tuningLog);
        if (fsyncOutput != null) {
            md.append("\n<details><summary>pg_test_fsync output</summary>\n\n```\n").append(fsyncOutput)
                    .append("\n```\n</details>\n");
        }
        return md.toString();
    }

    private static final String TUNING_LOG_HEADING = "## Tuning log";

    private static final String DEFAULT_TUNING_LOG = """
            ## Tuning log

            One row per change, each measured before and after on the same machine (ratios, not absolute rates). A
            change is kept only when the figures show it pays.

            | date | change | figure | before | after | kept? |
            | --- | --- | --- | --- | --- | --- |
            | | (baseline: the figures above) | | | | |
            """;

    /** The tuning log is written by hand, one row per change; a new run keeps it rather than wiping the history. */
    private String tuningLog;

    private static String keptTuningLog(Path previous) throws IOException {
        if (!Files.exists(previous)) {
            return null;
        }
        String text = Files.readString(previous, StandardCharsets.UTF_8);
        int start = text.indexOf(TUNING_LOG_HEADING);
        if (start < 0) {
            return null;
        }
        int end = text.indexOf("\n<details>", start);
        int nextHeading = text.indexOf("\n## ", start + TUNING_LOG_HEADING.length());
        if (end < 0 || (nextHeading >= 0 && nextHeading < end)) {
            end = nextHeading;
        }
        String section = end < 0 ? text.substring(start) : text.substring(start, end + 1);
        // Ends with one newline whatever the run before left, or each run would add a blank line before the details.
        return section.stripTrailing() + "\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
