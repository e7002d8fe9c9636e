package io.musicaljourney.reliability;

import io.musicaljourney.support.Api;
import io.musicaljourney.support.JourneyRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Client threads sending StartJourney, VisitNode and AddTrack over HTTP as fast as the service answers, each thread
 * as a user of its own working on its own journeys, and a ledger of what was acknowledged (2xx). Every command is
 * valid whatever happened to the ones before it whose outcome is unknown (a connection cut by a kill): node and
 * track ids are never reused, and parents and track nodes are only ever nodes whose visit was acknowledged.
 */
final class CommandLoad implements AutoCloseable {

    /** A command the service acknowledged: it promised that this event is stored at this version. */
    record Ack(String user, String journeyId, long version, Kind kind, String element) {
    }

    /**
     * A command the service refused with a 5xx or 429: it must have appended nothing. {@code element} is the visit's
     * node, the track, or for a start the journey's unique title.
     */
    record Refusal(String journeyId, Kind kind, String element, int status, String contentType, String retryAfter,
                   String body) {
    }

    enum Kind {
        START("JourneyStartedEvent"), VISIT("NodeVisitedEvent"), TRACK("TrackAddedEvent");

        final String event;

        Kind(String event) {
            this.event = event;
        }
    }

    private final Supplier<Api> target;
    private final int threads;
    private final long seed;
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong inDoubt = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private final Object gate = new Object();
    private boolean open = true;
    private volatile boolean stopped;

    /** @param target the instance each request goes to (called per request, so it may choose among several) */
    CommandLoad(Supplier<Api> target, int threads, long seed) {
        this.target = target;
        this.threads = threads;
        this.seed = seed;
    }

    CommandLoad start() {
        for (int index = 0; index < threads; index++) {
            int worker = index;
            Thread thread = new Thread(() -> run(worker), "command-load-" + worker);
            thread.setDaemon(true);
            workers.add(thread);
            running.incrementAndGet();
            thread.start();
        }
        return this;
    }

    /** Threads finish their request in flight, then wait before sending the next one. */
    void hold() {
        synchronized (gate) {
            open = false;
        }
    }

    void release() {
        synchronized (gate) {
            open = true;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        stopped = true;
        release();
        for (Thread worker : workers) {
            try {
                worker.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    long acknowledged() {
        return acks.size();
    }

    long attempts() {
        return attempts.get();
    }

    /** Requests whose connection broke before an answer came: the service may or may not have stored them. */
    long inDoubt() {
        return inDoubt.get();
    }

    /** Answers 5xx (and 429/503-type refusals): the command was refused and must have appended nothing. */
    long refused() {
        return refused.get();
    }

    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Answers no valid command should ever get (4xx other than refusals, or a 2xx without the expected body). */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void run(int worker) {
        Random random = new Random(seed + worker);
        String user = "load-" + worker + "-" + Long.toHexString(random.nextLong());
        String journey = null;
        List<String> nodes = new ArrayList<>();
        int commandsOnJourney = 0;
        int serial = 0;
        try {
            while (!passGate()) {
                serial++;
                attempts.incrementAndGet();
                Api api = target.get();
                try {
                    if (journey == null || commandsOnJourney >= 15) {
                        String title = "Load " + worker + "." + serial + " " + user;
                        Api.Response created = api.post("/api/journeys", user, JourneyRequests.create(title));
                        if (outcome(created, 201, null, Kind.START, title)) {
                            journey = created.json().path("id").asText();
                            nodes = new ArrayList<>(List.of(JourneyRequests.START_ID));
                            commandsOnJourney = 0;
                            acks.add(new Ack(user, journey, 0, Kind.START, JourneyRequests.START_ID));
                        }
                        continue;
                    }
                    commandsOnJourney++;
                    String from = nodes.get(random.nextInt(nodes.size()));
                    if (random.nextInt(10) < 6) {
                        String node = "node-" + worker + "-" + serial;
                        Api.Response visited = api.post("/api/journeys/" + journey + "/visits", user,
                                JourneyRequests.visit(node, "Node " + serial, from));
                        if (outcome(visited, 200, journey, Kind.VISIT, node)) {
                            nodes.add(node);
                            acks.add(new Ack(user, journey, visited.json().path("version").asLong(-1), Kind.VISIT,
                                    node));
                        }
                    } else {
                        String track = "track-" + worker + "-" + serial;
                        Api.Response added = api.post("/api/journeys/" + journey + "/tracks", user,
                                JourneyRequests.track(track, "Track " + serial, from));
                        if (outcome(added, 200, journey, Kind.TRACK, track)) {
                            acks.add(new Ack(user, journey, added.json().path("version").asLong(-1), Kind.TRACK,
                                    track));
                        }
                    }
                } catch (IllegalStateException connectionBroke) {
                    inDoubt.incrementAndGet();
                }
            }
        } finally {
            running.decrementAndGet();
        }
    }

    private boolean outcome(Api.Response response, int expected, String journey, Kind kind, String element) {
        int status = response.status();
        if (status == expected) {
            return true;
        }
        if (status >= 500 || status == 429) {
            refused.incrementAndGet();
            refusals.add(new Refusal(journey, kind, element, status, response.header("Content-Type"),
                    response.header("Retry-After"), response.text()));
        } else {
            unexpected.add(response.toString());
        }
        return false;
    }

    /** @return true once the load is stopped */
    private boolean passGate() {
        synchronized (gate) {
            while (!open && !stopped) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
        }
        return stopped;
    }

    /** For messages: what the load did so far. */
    Map<String, Long> figures() {
        return Map.of("attempts", attempts(), "acknowledged", acknowledged(), "inDoubt", inDoubt(),
                "refused", refused(), "unexpected", (long) unexpected.size());
    }
}
