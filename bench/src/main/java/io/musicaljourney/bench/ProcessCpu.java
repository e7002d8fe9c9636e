package io.musicaljourney.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time (user plus system) of processes on this machine, from {@code /proc}: per-request diagnostics that drift
 * less than rates on a shared machine. -1 where {@code /proc} does not tell.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** The CPU time of one process so far, in milliseconds. */
    static long millis(long pid) {
        try {
            return millisOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /**
     * The CPU time so far of every PostgreSQL server process here (its backends, writers and WAL writer), in
     * milliseconds by process id; empty where {@code /proc} does not tell.
     */
    static Map<Long, Long> postgresMillis() {
        Map<Long, Long> byPid = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(process -> postgresMillisOf(process).ifPresent(millis ->
                            byPid.put(Long.parseLong(process.getFileName().toString()), millis)));
        } catch (IOException | RuntimeException unreadable) {
            byPid.clear();
        }
        return byPid;
    }

    /**
     * What the processes used between two looks: a process seen only at the end counts whole (it started in
     * between); one seen only at the start exited and took its share with it, which is why the load's own
     * connections should stay open across the two looks. -1 when either look saw nothing.
     */
    static long between(Map<Long, Long> before, Map<Long, Long> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return -1;
        }
        long used = 0;
        for (Map.Entry<Long, Long> process : after.entrySet()) {
            used += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0L));
        }
        return used;
    }

    private static Optional<Long> postgresMillisOf(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            return name.equals("postgres") ? Optional.of(millisOf(stat)) : Optional.empty();
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static long millisOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
