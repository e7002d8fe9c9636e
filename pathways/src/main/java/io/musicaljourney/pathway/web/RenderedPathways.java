package io.musicaljourney.pathway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.web.PathwayResponses.PathwaysBody;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Pathway answers rendered to JSON once per cached value instead of once per request. The exploration cache hands
 * every caller of a key the same {@link Pathways} instance while its cached text stays the same, so the body is kept
 * per instance (identity, weakly: it goes when the cache lets the value go). Rendered by Spring's {@link ObjectMapper},
 * as its Jackson converter would render {@link PathwaysBody}, so the bytes are the ones a request used to get. On a
 * pathway answered from Redis, writing the body through Jackson was 9 % of the request threads' time, the copy of a
 * rendered body is 4 % with its converter's overhead (issue 5).
 */
@Component
public class RenderedPathways {

    /** As many as the exploration cache remembers decoded values. */
    private static final int REMEMBERED = 500;

    private final ObjectMapper json;
    private final Cache<Pathways, Body> rendered = Caffeine.newBuilder().weakKeys().maximumSize(REMEMBERED).build();

    public RenderedPathways(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON body of these pathways, {@link PathwaysBody} as the frontend reads it. */
    public Body of(Pathways pathways) {
        return rendered.get(pathways, this::render);
    }

    private Body render(Pathways pathways) {
        try {
            return new Body(json.writeValueAsBytes(PathwaysBody.of(pathways)));
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException("Cannot render pathways as JSON", failure);
        }
    }

    /** A rendered JSON body; written as it is by {@link Converter}. */
    public record Body(byte[] json) {
    }

    /**
     * Writes a {@link Body} as {@code application/json}. Spring asks it before Jackson's converter, so content
     * negotiation treats the route as it treated a JSON object (406 for a client that accepts no JSON).
     */
    public static final class Converter extends AbstractHttpMessageConverter<Body> {

        public Converter() {
            super(MediaType.APPLICATION_JSON);
        }

        @Override
        protected boolean supports(Class<?> type) {
            return Body.class == type;
        }

        @Override
        protected boolean canRead(MediaType mediaType) {
            return false;
        }

        @Override
        protected Body readInternal(Class<? extends Body> type, HttpInputMessage input) {
            throw new HttpMessageNotReadableException("Rendered bodies are only written", input);
        }

        @Override
        protected Long getContentLength(Body body, MediaType contentType) {
            return (long) body.json().length;
        }

        @Override
        protected void writeInternal(Body body, HttpOutputMessage output) throws IOException {
            output.getBody().write(body.json());
        }
    }
}
