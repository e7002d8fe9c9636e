package io.musicaljourney.query.journey.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.query.FetchJourneyQuery;
import io.musicaljourney.journey.query.FetchJourneySummariesQuery;
import io.musicaljourney.journey.query.FetchJourneysVisitingNodeQuery;
import io.musicaljourney.journey.query.FetchPublicJourneysQuery;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.journey.query.JourneySummaries;
import io.musicaljourney.journey.query.JourneySummary;
import io.musicaljourney.journey.query.PublicJourneySummaries;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.sharing.query.FetchSharedJourneyQuery;
import io.musicaljourney.sharing.query.SharedJourney;
import io.musicaljourney.query.sharing.web.SharedJourneyController;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The read routes through a real Axon query bus to stub handlers: which query each request becomes, how its
 * answer is wrapped, and which requests never reach a handler. Errors are rendered by the app module; here only
 * their status and message are checked.
 */
class JourneyReadRoutesTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

    private final StubQueries queries = new StubQueries();
    private MockMvc mvc;

    @BeforeEach
    void routesOverARealQueryBus() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(queries).subscribe(bus);
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(bus).build();
        mvc = MockMvcBuilders
                .standaloneSetup(new JourneyQueryController(gateway), new SharedJourneyController(gateway))
                .setCustomArgumentResolvers(new BearerIsTheUser())
                .setControllerAdvice(new NotFoundAdvice())
                .build();
    }

    @Test
    void theListAsksForTheCallersJourneysWithTheDefaultPage() throws Exception {
        queries.summaries = new JourneySummaries(List.of(summary("Blues roots")));

        asAlice("/api/journeys")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.journeys[0].title").value("Blues roots"))
                .andExpect(jsonPath("$.journeys[0].node_count").value(2));

        assertThat(queries.asked).isEqualTo(new FetchJourneySummariesQuery(ALICE, null, 25, 0));
    }

    @Test
    void theListFiltersByStartingNodeOnlyWhenOneIsGiven() throws Exception {
        asAlice("/api/journeys?limit=100&offset=40&startingNodeId=mjc-robert-johnson").andExpect(status().isOk());
        assertThat(queries.asked)
                .isEqualTo(new FetchJourneySummariesQuery(ALICE, "mjc-robert-johnson", 100, 40));

        asAlice("/api/journeys?limit=&offset=&startingNodeId=").andExpect(status().isOk());
        assertThat(queries.asked).isEqualTo(new FetchJourneySummariesQuery(ALICE, null, 25, 0));
    }

    @Test
    void aLimitOutsideOneToAHundredOrNotAnIntegerIsABadRequest() throws Exception {
        for (String limit : List.of("0", "101", "-1", "ten", "2.5", "99999999999", " 5")) {
            for (String route : List.of("/api/journeys", "/api/journeys/public", "/api/journeys/visited?nodeId=x")) {
                String separator = route.contains("?") ? "&" : "?";
                asAlice(route + separator + "limit=" + limit)
                        .andExpect(status().isBadRequest())
                        .andExpect(status().reason("limit must be an integer from 1 to 100"));
            }
        }
        assertThat(queries.asked).isNull();
    }

    @Test
    void aNegativeOrNonIntegerOffsetIsABadRequest() throws Exception {
        for (String offset : List.of("-1", "first", "1e3")) {
            asAlice("/api/journeys?offset=" + offset)
                    .andExpect(status().isBadRequest())
                    .andExpect(status().reason("offset must be a non-negative integer"));
        }
        assertThat(queries.asked).isNull();
    }

    @Test
    void visitedJourneysNeedTheNodeId() throws Exception {
        asAlice("/api/journeys/visited")
                .andExpect(status().isBadRequest())
                .andExpect(status().reason("Query parameter \"nodeId\" is required"));
        mvc.perform(get("/api/journeys/visited").param("nodeId", " ")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + ALICE.value()))
                .andExpect(status().isBadRequest());
        assertThat(queries.asked).isNull();

        asAlice("/api/journeys/visited?nodeId=mjc-son-house&offset=5")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.journeys").isArray());
        assertThat(queries.asked).isEqualTo(new FetchJourneysVisitingNodeQuery(ALICE, "mjc-son-house", 25, 5));
    }

    @Test
    void publicJourneysAreAskedForWithoutTheCaller() throws Exception {
        asAlice("/api/journeys/public?limit=10")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.journeys").isArray());

        assertThat(queries.asked).isEqualTo(new FetchPublicJourneysQuery(10, 0));
    }

    @Test
    void aJourneyIsAnsweredInItsEnvelopeWithItsVersionAsEntityTagAndItsJsonColumnsAsJson() throws Exception {
        JourneyId id = JourneyId.random();
        queries.detail = new JourneyDetail(id.asString(), "alice", "Blues roots", "artist", "mjc-robert-johnson",
                "Robert Johnson", "[{\"nodeId\": \"n1\"}]", "[]", "[]", "{\"nodes\": []}", CREATED, CREATED,
                false, null, 3);

        asAlice("/api/journeys/" + id)
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"3\""))
                .andExpect(jsonPath("$.journey.id").value(id.asString()))
                .andExpect(jsonPath("$.journey.nodes_visited[0].nodeId").value("n1"))
                .andExpect(jsonPath("$.journey.graph.nodes").isArray())
                .andExpect(jsonPath("$.journey.version").value(3));

        assertThat(queries.asked).isEqualTo(new FetchJourneyQuery(id, ALICE));
    }

    @Test
    void aJourneyTheQueryDoesNotFindIsNotFound() throws Exception {
        asAlice("/api/journeys/" + JourneyId.random()).andExpect(status().isNotFound());
    }

    @Test
    void anIdThatIsNotAUuidIsNotFoundWithoutAsking() throws Exception {
        asAlice("/api/journeys/not-a-uuid").andExpect(status().isNotFound());

        assertThat(queries.asked).isNull();
    }

    @Test
    void aSharedJourneyNeedsNoCallerAndLeavesNoReferrerAndNoCopyInCaches() throws Exception {
        queries.shared = new SharedJourney(JourneyId.random().asString(), "Shared", "artist", "mjc-robert-johnson",
                "Robert Johnson", "[]", "[]", "[]", "{}", CREATED, CREATED);

        mvc.perform(get("/api/journeys/shared/the-token"))
                .andExpect(status().isOk())
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.journey.title").value("Shared"))
                .andExpect(jsonPath("$.journey.user_id").doesNotExist())
                .andExpect(jsonPath("$.journey.share_token").doesNotExist());

        assertThat(queries.asked).isEqualTo(new FetchSharedJourneyQuery(ShareToken.of("the-token")));
    }

    @Test
    void anUnknownOrRevokedShareTokenIsNotFound() throws Exception {
        mvc.perform(get("/api/journeys/shared/revoked")).andExpect(status().isNotFound());
    }

    private ResultActions asAlice(String uri) throws Exception {
        return mvc.perform(get(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + ALICE.value()));
    }

    private static JourneySummary summary(String title) {
        return new JourneySummary(JourneyId.random().asString(), title, "artist", "mjc-robert-johnson",
                "Robert Johnson", CREATED, CREATED, false, null, 2, 1);
    }

    /** Answers like the real handler's contract: null where nothing matches. */
    static final class StubQueries {
        Object asked;
        JourneyDetail detail;
        SharedJourney shared;
        JourneySummaries summaries = new JourneySummaries(List.of());

        @QueryHandler
        JourneyDetail handle(FetchJourneyQuery query) {
            asked = query;
            return detail;
        }

        @QueryHandler
        JourneySummaries handle(FetchJourneySummariesQuery query) {
            asked = query;
            return summaries;
        }

        @QueryHandler
        JourneySummaries handle(FetchJourneysVisitingNodeQuery query) {
            asked = query;
            return summaries;
        }

        @QueryHandler
        PublicJourneySummaries handle(FetchPublicJourneysQuery query) {
            asked = query;
            return new PublicJourneySummaries(List.of());
        }

        @QueryHandler
        SharedJourney handle(FetchSharedJourneyQuery query) {
            asked = query;
            return shared;
        }
    }

    /** Stands in for the app's resolver, which checks the bearer with Spotify. */
    static final class BearerIsTheUser implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return UserId.class.equals(parameter.getParameterType());
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                      NativeWebRequest request, WebDataBinderFactory binders) {
            return UserId.of(request.getHeader(HttpHeaders.AUTHORIZATION).substring("Bearer ".length()));
        }
    }

    /** Stands in for the app's error handler, which renders the 404 as problem+json. */
    @RestControllerAdvice
    static final class NotFoundAdvice {
        @ExceptionHandler(JourneyRejectedException.class)
        ResponseEntity<Void> notFound() {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
    }
}
