package io.musicaljourney.app.web.routing;

import io.musicaljourney.app.web.routing.PathFirstHandlerMapping.Shape;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/** The cheap test a route's path must pass before its pattern runs: it refuses only what the pattern refuses. */
class RouteShapeTest {

    private static Shape shape(String pattern) {
        return Shape.of(PathPatternParser.defaultInstance.parse(pattern));
    }

    private static String[] path(String... segments) {
        return segments;
    }

    @Test
    void aRouteWithAnotherWordAtALiteralSegmentOrAnotherNumberOfSegmentsIsTurnedAway() {
        Shape visits = shape("/api/journeys/{id}/visits");

        assertThat(visits.admits(path("api", "journeys", "j-1", "visits"))).isTrue();
        assertThat(visits.admits(path("api", "journeys", "j-1", "tracks"))).isFalse();
        assertThat(visits.admits(path("api", "pathways", "j-1", "visits"))).isFalse();
        assertThat(visits.admits(path("api", "journeys", "j-1"))).isFalse();
        assertThat(visits.admits(path("api", "journeys", "j-1", "visits", "more"))).isFalse();
    }

    @Test
    void segmentsWithVariablesOrWildcardsAdmitAnyWord() {
        assertThat(shape("/api/{kind:[a-z]+}/x?z/*.css").admits(path("api", "anything", "xyz", "a.css"))).isTrue();
        assertThat(shape("/api/{kind}.json").admits(path("api", "journeys.json"))).isTrue();
    }

    @Test
    void anOpenEndedRouteChecksOnlyTheLiteralsBeforeItsOpenEnd() {
        Shape docs = shape("/swagger-ui/**");
        Shape captured = shape("/files/{id}/{*rest}");

        assertThat(docs.admits(path("swagger-ui"))).isTrue();
        assertThat(docs.admits(path("swagger-ui", "a", "b", "c.css"))).isTrue();
        assertThat(docs.admits(path("swagger", "a"))).isFalse();
        assertThat(captured.admits(path("files", "f-1", "a", "b"))).isTrue();
        assertThat(captured.admits(path("blobs", "f-1", "a"))).isFalse();
    }
}
