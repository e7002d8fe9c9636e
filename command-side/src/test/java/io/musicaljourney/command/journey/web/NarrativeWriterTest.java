package io.musicaljourney.command.journey.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.JourneyRejection;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.query.FetchJourneyQuery;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.ExplorationRateLimitedException;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NarrativeWriterTest {

    private static final JourneyId JOURNEY = JourneyId.random();
    private static final UserId OWNER = new UserId("owner");

    private final SimpleQueryBus bus = SimpleQueryBus.builder().build();
    private final NarrativeWriter writer = new NarrativeWriter(DefaultQueryGateway.builder().queryBus(bus).build(),
            Duration.ofSeconds(5));

    @Test
    void withoutAnInstanceThatWritesStoriesTheAnswerIsA503AskingForTheText() {
        assertThatThrownBy(() -> writer.write(JOURNEY, OWNER, NarrativeWriter.node("a", "A", "artist"),
                NarrativeWriter.node("b", null, null), PathwayType.INFLUENCES))
                .isInstanceOfSatisfying(ResponseStatusException.class, failure -> {
                    assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(failure.getReason()).isEqualTo(NarrativeWriter.UNAVAILABLE);
                });
    }

    @Test
    void theStoryComesFromTheQueryHandlerWithNamesAndTypesDefaulted() {
        new AnnotationQueryHandlerAdapter<>(new Object() {
            @QueryHandler
            ConnectionNarrative tell(FetchConnectionNarrativeQuery query) {
                return new ConnectionNarrative(query.from().name() + " to " + query.to().name() + " ("
                        + query.to().type().wireName() + ", " + query.connectionType() + ")", List.of("k"), null,
                        List.of());
            }
        }).subscribe(bus);

        assertThat(writer.write(JOURNEY, OWNER, NarrativeWriter.node("a", "A", "genre"), NarrativeWriter.node("b", null, null),
                PathwayType.GENRE)).isEqualTo("A to b (artist, genre)");
        assertThat(NarrativeWriter.node("a", " ", "genre").type()).isEqualTo(NodeType.GENRE);
    }

    @Test
    void someoneElsesJourneyIsNotFoundAndCostsNoModelCall() {
        AtomicInteger stories = new AtomicInteger();
        new AnnotationQueryHandlerAdapter<>(new Object() {
            @QueryHandler
            JourneyDetail journey(FetchJourneyQuery query) {
                return null;
            }

            @QueryHandler
            ConnectionNarrative tell(FetchConnectionNarrativeQuery query) {
                stories.incrementAndGet();
                return new ConnectionNarrative("never", List.of(), null, List.of());
            }
        }).subscribe(bus);

        assertThatThrownBy(() -> writer.write(JOURNEY, new UserId("stranger"), NarrativeWriter.node("a", "A", null),
                NarrativeWriter.node("b", "B", null), PathwayType.LEGACY))
                .isInstanceOfSatisfying(JourneyRejectedException.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(JourneyRejection.NOT_FOUND));
        assertThat(stories).hasValue(0);
    }

    @Test
    void overTheRateLimitTheAnswerIsTheContracts429WithItsHeaders() {
        new AnnotationQueryHandlerAdapter<>(new Object() {
            @QueryHandler
            ConnectionNarrative tell(FetchConnectionNarrativeQuery query) {
                assertThat(query.requestedBy()).isEqualTo(OWNER);
                throw new ExplorationRateLimitedException(0, 1_800_000_000_000L);
            }
        }).subscribe(bus);

        assertThatThrownBy(() -> writer.write(JOURNEY, OWNER, NarrativeWriter.node("a", "A", null),
                NarrativeWriter.node("b", "B", null), PathwayType.LEGACY))
                .isInstanceOfSatisfying(ResponseStatusException.class, failure -> {
                    assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(failure.getReason()).isEqualTo("Rate limit exceeded");
                    assertThat(failure.getHeaders().getFirst("X-RateLimit-Reset")).isEqualTo("1800000000000");
                });
    }

    @Test
    void aFailingStorytellerIsTheContractsError() {
        new AnnotationQueryHandlerAdapter<>(new Object() {
            @QueryHandler
            ConnectionNarrative tell(FetchConnectionNarrativeQuery query) {
                throw new IllegalStateException("model down");
            }
        }).subscribe(bus);

        assertThatThrownBy(() -> writer.write(JOURNEY, OWNER, NarrativeWriter.node("a", "A", null), NarrativeWriter.node("b", "B",
                null), PathwayType.LEGACY))
                .isInstanceOfSatisfying(ResponseStatusException.class, failure -> {
                    assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
                    assertThat(failure.getReason()).isEqualTo(NarrativeWriter.FAILED);
                });
    }
}
