package io.musicaljourney.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark end to end at {@code --scale=smoke} against the local PostgreSQL and Redis and the packaged service:
 * every figure must be produced. It never asserts a speed. Writes to target/, never to docs/.
 */
class BenchSmokeIT {

    @Test
    void everyFigureIsProduced() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path out = Path.of("target", "bench-smoke").toAbsolutePath();
        Report report = Bench.run("--scale=smoke", "--repo=" + root, "--out=" + out);

        assertThat(report.failure).isNull();
        for (Report.Figure figure : report.figures()) {
            if (figure.id().equals("P7") && report.p7Unavailable != null) {
                assertThat(figure.measured()).as("P7 says why it was skipped").startsWith("not available");
                continue;
            }
            assertThat(figure.produced()).as(figure.id() + " " + figure.measure() + ": " + figure.measured()
                    + " vs " + figure.peer() + " " + figure.note()).isTrue();
        }
        assertThat(report.sweep).isNotEmpty();
        assertThat(report.openP1.operations()).isPositive();
        assertThat(report.openP2.operations()).isPositive();
        assertThat(report.p1Ceiling.operations()).as("P1's ceiling, the stack storing the raw row").isPositive();
        assertThat(report.p1Ceiling.errors()).isZero();
        assertThat(Files.readString(out.resolve("benchmarks.md"))).contains("| P1 |", "| P8 memory |",
                "P1's ceiling in this run", "Not yet measured at full scale");
        assertThat(Files.readString(out.resolve("benchmarks-chart.svg"))).startsWith("<svg");
    }
}
