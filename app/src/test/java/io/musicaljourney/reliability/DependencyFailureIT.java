package io.musicaljourney.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.support.Api;
import io.musicaljourney.support.JarProcess;
import io.musicaljourney.support.JourneyRequests;
import io.musicaljourney.support.RedisProxy;
import io.musicaljourney.support.TcpProxy;
import io.musicaljourney.support.TestDatabase;
import io.musicaljourney.support.TestRedis;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service as a process whose dependencies fail under it: PostgreSQL and Redis behind TCP proxies the
 * test cuts (the shared servers keep running for everybody else), Spotify and an OpenAI-compatible model as fakes
 * that rate-limit, fail, stall or send broken JSON. The service must stay up, answer with a problem+json error
 * (and Retry-After where waiting helps), lose no acknowledged command, append nothing for a refused one, and recover
 * by itself. The exact upstream answers are covered in-process by {@code SpotifyResilienceTest},
 * {@code SpotifyWebApiTest}, {@code LanguageModelProvidersTest} and {@code ModelPathwayRoutesTest}; here are the
 * cases those leave out, end to end.
 *
 * <p>Longer outages and more load: {@code ./mvnw -pl app verify -Dit.test=DependencyFailureIT
 * -Dreliability.threads=8 -Dreliability.outage-commands=100}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyFailureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = Integer.getInteger("reliability.threads", 4);
    /** How many commands the load must get answered while a dependency is away before it is given back. */
    private static final int OUTAGE_COMMANDS = Integer.getInteger("reliability.outage-commands", 20);

    private final Path logs = JarProcess.logDirectory("DependencyFailureIT");
    private final MockWebServer spotify = new MockWebServer();
    private final MockWebServer model = new MockWebServer();
    private final AtomicReference<Function<RecordedRequest, MockResponse>> spotifyAnswers =
            new AtomicReference<>(DependencyFailureIT::spotifyArtist);
    private final AtomicReference<Function<RecordedRequest, MockResponse>> modelAnswers =
            new AtomicReference<>(request -> chatCompletion(validPathways()));
    private final AtomicInteger modelCalls = new AtomicInteger();
    private String database;
    private EventStoreAudit audit;
    private TcpProxy postgres;
    private TcpProxy redis;
    private JarProcess service;
    private Api api;

    @BeforeAll
    void startTheServiceBehindItsDependencies() throws IOException {
        database = TestDatabase.create("mj_rel");
        audit = new EventStoreAudit(database);
        postgres = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT));
        redis = new TcpProxy(RedisProxy.TARGET_HOST, RedisProxy.TARGET_PORT);
        spotify.setDispatcher(dispatcher(spotifyAnswers, null));
        model.setDispatcher(dispatcher(modelAnswers, modelCalls));
        spotify.start();
        model.start();
        String proxied = database.replace(":" + TestDatabase.PORT + "/", ":" + postgres.port() + "/");
        service = new JarProcess("dependencies", logs, proxied, List.of(
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(),
                "spring.data.redis.database=" + TestRedis.DATABASE,
                "journey.cache.redis-retry-interval=500ms",
                "journey.rate-limit.capacity=100000",
                "journey.spotify.enabled=true",
                "journey.spotify.api-base-url=" + spotify.url("/").toString().replaceAll("/$", ""),
                "journey.spotify.read-timeout=1s",
                "journey.spotify.retry.backoff=50ms",
                "journey.spotify.circuit-breaker.minimum-number-of-calls=1000",
                "journey.pathways.provider=openai",
                "journey.pathways.openai.base-url=" + model.url("/v1"),
                "journey.pathways.openai.timeout=1s",
                "journey.pathways.retry.backoff=50ms",
                "journey.pathways.retry.max-retry-after=2s",
                // Repeated failures open the model's circuit; recovery is awaited, so a short pause keeps it brief.
                "journey.pathways.circuit-breaker.wait-in-open-state=2s"))
                .start().awaitUp();
        api = service.api();
    }

    @AfterEach
    void giveEverythingBack() {
        postgres.restore();
        redis.restore();
        spotifyAnswers.set(DependencyFailureIT::spotifyArtist);
        modelAnswers.set(request -> chatCompletion(validPathways()));
    }

    @AfterAll
    void stop() throws IOException {
        if (service != null) {
            service.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
        spotify.shutdown();
        model.shutdown();
    }

    @Test
    void withPostgresCutMidLoadCommandsAre503WithRetryAfterNothingAcknowledgedIsLostAndNoRefusalMisleads() {
        CommandLoad load = new CommandLoad(service::api, THREADS, 7).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() >= OUTAGE_COMMANDS);
            service.note("PostgreSQL cut");
            postgres.cut();
            long refusedBefore = load.refused();
            await("commands refused while PostgreSQL is away").atMost(Duration.ofSeconds(60))
                    .until(() -> load.refused() >= refusedBefore + OUTAGE_COMMANDS);
            Api.Response health = api.get("/actuator/health", null);
            Api.Response refusedCommand = api.post("/api/journeys", "while-cut", JourneyRequests.create("x"));
            service.note("PostgreSQL back");
            postgres.restore();
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(refusedCommand.status()).as(refusedCommand.toString()).isEqualTo(503);
            assertThat(refusedCommand.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refusedCommand.header("Retry-After")).isNotBlank();
            assertThat(refusedCommand.json().path("error").asText()).isNotBlank();

            awaitHealthUp();
            long after = load.acknowledged();
            await("commands acknowledged again").atMost(Duration.ofSeconds(60))
                    .until(() -> load.acknowledged() >= after + OUTAGE_COMMANDS);
        } finally {
            load.close();
        }
        audit.awaitProjectionCaughtUp(Duration.ofSeconds(60));
        List<String> lost = audit.lost(load.acks());
        // A refusal that says nothing was changed must have appended nothing; one that says the outcome is unknown
        // (the connection died once the transaction had begun, perhaps with the commit on its way) may be stored,
        // but then whole: these commands append a single event, so either it is there or nothing is.
        List<CommandLoad.Refusal> promisedNothing = load.refusals().stream()
                .filter(refusal -> refusal.body().contains("nothing was changed")).toList();
        List<String> refusedButStored = audit.storedDespiteRefusal(promisedNothing);
        int outcomeUnknown = load.refusals().size() - promisedNothing.size();
        int outcomeUnknownStored = audit.storedDespiteRefusal(load.refusals()).size() - refusedButStored.size();
        List<CommandLoad.Refusal> unclear = load.refusals().stream()
                .filter(refusal -> refusal.status() != 503 || refusal.retryAfter() == null
                        || refusal.contentType() == null || !refusal.contentType().startsWith("application/problem+json"))
                .toList();
        System.out.printf("DependencyFailureIT: postgres-cut acknowledged=%d refused=%d (outcome-unknown=%d, of which "
                        + "stored=%d) in-doubt=%d lost=%d refused-but-stored=%d fold-differences=%d%n",
                load.acknowledged(), load.refused(), outcomeUnknown, outcomeUnknownStored, load.inDoubt(),
                lost.size(), refusedButStored.size(), audit.foldMismatches().size());
        assertThat(load.unexpected()).isEmpty();
        assertThat(unclear).as("refusals that are not problem+json 503s with Retry-After")
                .isEmpty();
        assertThat(lost).isEmpty();
        assertThat(refusedButStored).isEmpty();
        assertThat(audit.foldMismatches()).isEmpty();
    }

    @Test
    void withRedisCutMidLoadEveryRequestIsStillServedHealthShowsItAndRecoversWhenRedisReturns() {
        CommandLoad load = new CommandLoad(service::api, THREADS, 11).start();
        List<String> failedExplorations = new ArrayList<>();
        int explored = 0;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() >= OUTAGE_COMMANDS);
            service.note("Redis cut");
            redis.cut();
            long before = load.acknowledged();
            await("Redis reported down").atMost(Duration.ofSeconds(30)).until(() -> redisStatus().equals("DOWN"));
            // The in-process tier and the table stand in for Redis: pathways, fresh or cached, are still served.
            for (String node : List.of("redis-gone-" + UUID.randomUUID(), "redis-gone-" + UUID.randomUUID())) {
                for (int ask = 0; ask < 2; ask++) {
                    explored++;
                    Api.Response pathways = generatePathways(node);
                    if (pathways.status() != 200) {
                        failedExplorations.add(pathways.toString());
                    }
                }
            }
            await("commands acknowledged while Redis is away").atMost(Duration.ofSeconds(60))
                    .until(() -> load.acknowledged() >= before + OUTAGE_COMMANDS);
            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            service.note("Redis back");
            redis.restore();
            await("Redis reported up again").atMost(Duration.ofSeconds(30)).until(() -> redisStatus().equals("UP"));
            awaitHealthUp();
            Api.Response afterwards = generatePathways("redis-back-" + UUID.randomUUID());
            assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(200);
        } finally {
            load.close();
        }
        audit.awaitProjectionCaughtUp(Duration.ofSeconds(60));
        List<String> lost = audit.lost(load.acks());
        System.out.printf("DependencyFailureIT: redis-cut acknowledged=%d refused=%d explorations=%d "
                + "failed-explorations=%d lost=%d%n", load.acknowledged(), load.refused(), explored,
                failedExplorations.size(), lost.size());
        assertThat(load.refused()).as("commands never need Redis").isZero();
        assertThat(load.unexpected()).isEmpty();
        assertThat(failedExplorations).isEmpty();
        assertThat(lost).isEmpty();
    }

    @Test
    void spotifySlowerThanTheTimeoutOrRateLimitingWithoutRetryAfterIs503WithRetryAfterThenRecovers() {
        String slowId = "slow" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
        spotifyAnswers.set(request -> spotifyArtist(request).setHeadersDelay(3, TimeUnit.SECONDS));
        long started = System.nanoTime();
        Api.Response slow = api.get("/api/spotify/artists/" + slowId, "listener");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertProblem(slow, 503, true);
        assertThat(took).as("bounded by the read timeout, not by Spotify").isLessThan(Duration.ofSeconds(10));

        String limitedId = "lim" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
        spotifyAnswers.set(request -> new MockResponse().setResponseCode(429)
                .setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}"));
        assertProblem(api.get("/api/spotify/artists/" + limitedId, "listener"), 503, true);

        spotifyAnswers.set(DependencyFailureIT::spotifyArtist);
        Api.Response recovered = api.get("/api/spotify/artists/" + limitedId, "listener");
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void aModelThatRateLimitsStallsOrSendsBrokenJsonIsAnsweredWithTheContractsErrorAndRecoversByItself() {
        Map<String, Function<RecordedRequest, MockResponse>> failures = Map.of(
                "429 without Retry-After", request -> new MockResponse().setResponseCode(429)
                        .setHeader("Content-Type", "application/json")
                        .setBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}"),
                "429 with Retry-After beyond the bound", request -> new MockResponse().setResponseCode(429)
                        .setHeader("Retry-After", "120")
                        .setBody("{\"error\":{\"message\":\"Rate limit reached\"}}"),
                "503", request -> new MockResponse().setResponseCode(503).setBody("upstream unavailable"),
                "slower than the timeout", request -> chatCompletion(validPathways())
                        .setHeadersDelay(3, TimeUnit.SECONDS),
                "truncated body", request -> chatCompletion(validPathways())
                        .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY),
                "invalid JSON", request -> new MockResponse().setHeader("Content-Type", "application/json")
                        .setBody("{\"choices\":[{\"message\":{\"content\":"));
        List<String> wrong = new ArrayList<>();
        AtomicLong recovery = new AtomicLong();
        failures.forEach((name, answer) -> {
            String node = "model-" + UUID.randomUUID();
            modelAnswers.set(answer);
            long started = System.nanoTime();
            Api.Response failed = generatePathways(node);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (failed.status() != 500 || !"Failed to generate pathways".equals(failed.json().path("error").asText())
                    || !String.valueOf(failed.header("Content-Type")).startsWith("application/problem+json")
                    || took.compareTo(Duration.ofSeconds(15)) > 0) {
                wrong.add(name + ": " + failed + " after " + took);
            }
            modelAnswers.set(request -> chatCompletion(validPathways()));
            // Nothing failed was cached, and once the model answers again (and its circuit, if the failures
            // opened it, lets a trial call through) the same node is generated.
            long recovering = System.nanoTime();
            await(name + ", then a good answer").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> generatePathways(node).status() == 200);
            recovery.set(Math.max(recovery.get(), System.nanoTime() - recovering));
        });
        System.out.printf("DependencyFailureIT: model failures=%d wrong-answers=%d model-calls=%d "
                        + "longest-recovery-ms=%d%n", failures.size(), wrong.size(), modelCalls.get(),
                Duration.ofNanos(recovery.get()).toMillis());
        assertThat(wrong).isEmpty();
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    private Api.Response generatePathways(String node) {
        return api.post("/api/ai/generate-pathways", "explorer", Map.of("nodeType", "artist", "nodeId", node,
                "nodeName", "Somebody", "context", Map.of("previousNodes", List.of())));
    }

    private String redisStatus() {
        try {
            JsonNode health = JSON.readTree(api.get("/actuator/health", null).text());
            return health.path("components").path("redis").path("status").asText();
        } catch (IOException notJson) {
            return "";
        }
    }

    private void awaitHealthUp() {
        await("health UP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreException(IllegalStateException.class)
                .until(() -> api.get("/actuator/health", null).status() == 200);
    }

    private static void assertProblem(Api.Response response, int status, boolean retryAfter) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("error").asText()).isNotBlank();
        if (retryAfter) {
            assertThat(response.header("Retry-After")).as("Retry-After of " + response).isNotBlank();
        }
    }

    private static Dispatcher dispatcher(AtomicReference<Function<RecordedRequest, MockResponse>> answers,
                                         AtomicInteger calls) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (calls != null) {
                    calls.incrementAndGet();
                }
                return answers.get().apply(request);
            }
        };
    }

    private static MockResponse spotifyArtist(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"id\":\"" + id
                + "\",\"name\":\"Somebody\",\"type\":\"artist\",\"genres\":[],\"images\":[],"
                + "\"uri\":\"spotify:artist:" + id + "\"}");
    }

    private static MockResponse chatCompletion(String text) {
        try {
            return new MockResponse().setHeader("Content-Type", "application/json").setBody(JSON.writeValueAsString(
                    Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1700000000,
                            "model", "llama-test", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                    "message", Map.of("role", "assistant", "content", text))))));
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static String validPathways() {
        return """
                {"pathways":[
                 {"type":"influences","title":"Roots","nodes":[
                  {"nodeType":"artist","nodeId":"x-a","nodeName":"A","description":"A came first. A shaped the sound.","representativeTrackTitles":["One"]},
                  {"nodeType":"artist","nodeId":"x-b","nodeName":"B","description":"B came early. B set the tone.","representativeTrackTitles":[]}]},
                 {"type":"legacy","title":"After","nodes":[
                  {"nodeType":"artist","nodeId":"x-c","nodeName":"C","description":"C came later. C took it further.","representativeTrackTitles":[]},
                  {"nodeType":"artist","nodeId":"x-d","nodeName":"D","description":"D came later still. D made it popular.","representativeTrackTitles":[]}]},
                 {"type":"genre","title":"Genres","nodes":[
                  {"nodeType":"genre","nodeId":"art-rock","nodeName":"Art Rock","description":"Art rock borrows from the avant-garde. It peaked in the 1970s.","representativeTrackTitles":[]},
                  {"nodeType":"genre","nodeId":"post-punk","nodeName":"Post-Punk","description":"Post-punk followed punk. It favoured experiment.","representativeTrackTitles":[]}]}
                ]}""";
    }
}
