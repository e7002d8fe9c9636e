package io.musicaljourney.bench;

import java.util.List;

/** The sizes of one run: {@code full} for the documented figures, {@code smoke} for CI (seconds, tiny numbers). */
record Scale(String name,
             List<Integer> levels,          // concurrency sweep (closed loop)
             int headlineClients,           // P1/P2 concurrency: 16
             int headlinePerClient,         // P1/P2 operations per client at 16 clients
             int sweepTotal,                // operations per sweep level (split among clients)
             double rawSeconds,             // duration of each raw JDBC run
             int nodesPerJourney,           // a client starts a new journey after this many visits
             int warmupPerClient,
             int warmupRounds,              // at most this many warm-up rounds (each: the route, then its peer)
             double openSeconds,            // duration of each open-loop run at the fixed offered load
             int openWorkers,
             int p4Events,                  // >= 1,000,000 at full scale
             int p4Visits,                  // visits per journey in the P4 data (events per journey - 1)
             int p5Events,
             int p5LargeNodes,
             int p5SmallNodes,
             double rebuildCapSeconds,
             int p6Rows,
             int p6RowsPerUser,
             int p6PerClient,
             int p7PerClient,
             double capSeconds,             // upper bound of any one closed-loop run
             boolean fsyncTest) {

    /** The same scale with other rebuild sizes, for a quicker look at P4/P5 alone ({@code --p4-events}). */
    Scale withRebuildEvents(int p4, int p5) {
        return new Scale(name, levels, headlineClients, headlinePerClient, sweepTotal, rawSeconds, nodesPerJourney,
                warmupPerClient, warmupRounds, openSeconds, openWorkers, p4, p4Visits, p5, p5LargeNodes, p5SmallNodes,
                rebuildCapSeconds, p6Rows, p6RowsPerUser, p6PerClient, p7PerClient, capSeconds, fsyncTest);
    }

    static Scale of(String name) {
        return switch (name) {
            case "full" -> new Scale("full", List.of(1, 2, 4, 8, 16, 32), 16, 400, 1_600, 6, 200, 200, 10, 20, 32,
                    1_000_000, 99, 100_100, 1_000, 10, 600, 1_000_000, 100, 400, 400, 90, true);
            case "smoke" -> new Scale("smoke", List.of(1, 4, 16), 16, 6, 32, 0.5, 200, 2, 1, 2, 8,
                    3_000, 99, 404, 100, 10, 60, 20_000, 100, 10, 10, 20, false);
            default -> throw new IllegalArgumentException("--scale must be full or smoke, not " + name);
        };
    }
}
