package io.musicaljourney.app.web.limits;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The limits of what a request may carry: the body size (a filter, 413) and the shape of the JSON in it (Jackson's
 * stream read constraints, 400 or 413; no key twice; no undeclared field where a request type says so). The JSON
 * rules apply to request bodies only: the converter reads with a
 * copy of the application's mapper, so stored journeys and upstream answers, which the same mapper reads
 * elsewhere, are never cut by them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
public class RequestLimitsConfiguration implements WebMvcConfigurer {

    private final RequestLimitsProperties limits;

    public RequestLimitsConfiguration(RequestLimitsProperties limits) {
        this.limits = limits;
    }

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(ObjectMapper json) {
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyFilter(limits.maxBodySize().toBytes(), json));
        // After RequestIdFilter, so the 413 carries a request id; before anything that reads the body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                ObjectMapper bounded = jackson.getObjectMapper().copy();
                bounded.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonNestingDepth())
                        .maxStringLength(limits.maxJsonStringLength())
                        .maxNumberLength(limits.maxJsonNumberLength())
                        .maxDocumentLength(limits.maxBodySize().toBytes())
                        .build());
                // A key given twice is read differently by different parsers; nobody's JSON.stringify writes one.
                bounded.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                bounded.addHandler(new DeclaredFieldsOnly());
                // Whatever follows the document would be ignored silently; a client that sent it meant something.
                bounded.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
                // true is no name and 2 is no yes: such values are a client's bug, not something to guess at. Numbers
                // where text is expected stay accepted as their digits, as the journey entries document.
                bounded.coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                bounded.coercionConfigFor(LogicalType.Boolean)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                jackson.setObjectMapper(bounded);
            }
        }
    }
}
