package io.musicaljourney.app.web;

import io.musicaljourney.app.web.routing.PathFirstHandlerMapping;
import io.musicaljourney.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.actuate.endpoint.web.servlet.WebMvcEndpointHandlerMapping;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path-first mapping must pick the handler Spring's own mapping picks, or refuse where it refuses, for every
 * route of the application and every method and media type a client may send to it.
 */
class PathFirstHandlerMappingTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteResolvesToTheHandlerSpringsOwnMappingResolves() throws Exception {
        assertThat(mapping).isInstanceOf(PathFirstHandlerMapping.class.getDeclaredClasses()[0]);
        RequestMappingHandlerMapping stock = new RequestMappingHandlerMapping();
        stock.setPatternParser(mapping.getPatternParser());
        stock.setContentNegotiationManager(mapping.getContentNegotiationManager());
        stock.setEmbeddedValueResolver(new EmbeddedValueResolver(
                ((ConfigurableApplicationContext) context).getBeanFactory()));
        stock.setApplicationContext(context);
        stock.afterPropertiesSet();

        List<String> paths = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (PathPattern pattern : Objects.requireNonNull(info.getPathPatternsCondition()).getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{\\*?[^}]+}", "x1");
                paths.add(path);
                paths.add(path.replace("**", "x1/x1"));
                paths.add(path + "/x1");
            }
        }
        paths.addAll(List.of("/api/nowhere", "/api/journeys/x1/nowhere", "/", "/api/journeys/x1/visits/",
                "/api//journeys/x1/visits", "/API/journeys/x1/visits", "/api/journeys;v=1/x1/visits",
                "/api/journeys/x1%2Fvisits", "/api/pathways/artist/x1/extra", "/api/pathways/artist",
                "/v3/api-docs/x1", "/swagger-ui/x1/x1.css"));
        int compared = 0;
        for (String path : paths) {
            for (HttpMethod method : HttpMethod.values()) {
                for (String accept : new String[]{null, "application/json", "text/event-stream", "image/png"}) {
                    for (String contentType : new String[]{null, "application/json", "text/plain"}) {
                        assertThat(resolve(mapping, path, method, accept, contentType))
                                .as("%s %s accept=%s content-type=%s", method, path, accept, contentType)
                                .isEqualTo(resolve(stock, path, method, accept, contentType));
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(3000);
    }

    @Test
    void theActuatorsRoutesAreAskedAfterOursAndNoneOfOursTakesTheirPaths() {
        WebMvcEndpointHandlerMapping actuator = context.getBean(WebMvcEndpointHandlerMapping.class);
        assertThat(actuator.getOrder()).isGreaterThan(mapping.getOrder());

        List<String> paths = new ArrayList<>();
        for (RequestMappingInfo info : actuator.getHandlerMethods().keySet()) {
            for (PathPattern pattern : Objects.requireNonNull(info.getPathPatternsCondition()).getPatterns()) {
                paths.add(pattern.getPatternString().replaceAll("\\{\\*?[^}]+}", "x1"));
            }
        }
        assertThat(paths).contains("/actuator/health", "/actuator/prometheus");
        for (String path : paths) {
            for (HttpMethod method : HttpMethod.values()) {
                assertThat(resolve(mapping, path, method, null, null)).as("%s %s", method, path).isEqualTo("none");
                assertThat(resolve(actuator, path, method, null, null)).as("%s %s", method, path).isNotEqualTo("none");
            }
        }
    }

    /** The handler method's name, or the exception's type when the mapping refuses (405, 406, 415...). */
    private static String resolve(AbstractHandlerMapping mapping, String path, HttpMethod method, String accept,
                                  String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest(method.name(), path);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        if (contentType != null) {
            request.setContentType(contentType);
            request.setContent("{}".getBytes());
        }
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain == null ? "none" : chain.getHandler().toString();
        } catch (Exception refused) {
            return refused.getClass().getSimpleName();
        }
    }
}
