package io.musicaljourney.pathway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.journey.NodeType;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.pathway.Pathway;
import io.musicaljourney.pathway.PathwayNode;
import io.musicaljourney.pathway.Pathways;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedPathwaysTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RenderedPathways rendered = new RenderedPathways(json);

    private static Pathways pathways() {
        return new Pathways(List.of(new Pathway(PathwayType.parse("genre_connections").orElseThrow(), "Blues roots",
                List.of(new PathwayNode(NodeType.GENRE, "delta-blues", "Delta Blues", "Where it started",
                        List.of("Cross Road Blues"))))));
    }

    @Test
    void theSameCachedValueIsRenderedOnce() {
        Pathways cached = pathways();

        assertThat(rendered.of(cached)).isSameAs(rendered.of(cached));
    }

    @Test
    void anEqualValueDecodedAgainIsRenderedForItself() {
        RenderedPathways.Body first = rendered.of(pathways());

        assertThat(rendered.of(pathways())).isNotSameAs(first);
    }

    @Test
    void theBodyIsThePathwaysInTheFrontendsShape() throws Exception {
        Pathways value = pathways();

        assertThat(new String(rendered.of(value).json(), StandardCharsets.UTF_8))
                .isEqualTo(json.writeValueAsString(PathwayResponses.PathwaysBody.of(value)))
                .contains("\"type\":\"genre_connections\"");
    }
}
