package io.musicaljourney.app.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.web.servlet.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring MVC's own handler mapping, except that a route's path is compared before its other conditions, and its
 * literal segments before its path pattern.
 *
 * <p>A request whose path has variables ({@code /api/journeys/{id}/visits}, {@code /api/pathways/{type}/{id}}) has
 * no direct lookup, so Spring asks every route whether it matches, and a route checks its HTTP method, headers,
 * consumed and produced media types (resolving the {@code Accept} header) before its path. With our 50 routes that
 * was 14 % of the service's CPU on a cached pathway request and 6 % on VisitNode (issue 5, flight recordings).
 * Comparing the path first turns almost every route away; a route whose path matches is then asked for all its
 * conditions exactly as before, so which handler answers, and every 405, 406 and 415, stay the same.
 *
 * <p>Running each route's path pattern was still 7 % of the request threads' samples on VisitNode (a matching
 * context per pattern and the parsed path fetched from the request's attributes once per route), so the request's
 * segments are split once, and a route whose patterns all have a different number of segments, or another word at
 * one of their literal segments, is turned away without running them. That test only ever refuses what the pattern
 * would refuse too; paths it cannot judge that simply (an empty segment, a trailing slash, a case-insensitive
 * parser) go to the patterns as before.
 *
 * <p>Spring Boot consults the actuator's mapping before this one (order -100), so every request also had each
 * actuator endpoint check its method and media types (4 % of the request threads' samples on a cached pathway). The
 * actuator's paths ({@code /actuator/...}) and ours never overlap, so its mapping is consulted right after ours.
 */
@Configuration(proxyBeanMethods = false)
public class PathFirstHandlerMapping implements WebMvcRegistrations {

    /** Right after {@link RequestMappingHandlerMapping} (order 0), before the welcome page and resources. */
    static final int ACTUATOR_ORDER = 1;

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new Mapping();
    }

    @Bean
    static BeanPostProcessor actuatorRoutesAfterOurs() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractWebMvcEndpointHandlerMapping actuator) {
                    actuator.setOrder(ACTUATOR_ORDER);
                }
                return bean;
            }
        };
    }

    static final class Mapping extends RequestMappingHandlerMapping {

        /** The segments of the request being looked up on this thread; null when they cannot be judged simply. */
        private final ThreadLocal<String[]> segments = new ThreadLocal<>();
        private final Map<RequestMappingInfo, Shape[]> shapes = new ConcurrentHashMap<>();

        @Override
        protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
            segments.set(segmentsOf(request));
            try {
                return super.getHandlerInternal(request);
            } finally {
                segments.remove();
            }
        }

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null) {
                String[] path = segments.get();
                if (path != null && !admits(shapes.computeIfAbsent(info, Mapping::shapesOf), path)) {
                    return null;
                }
                if (paths.getMatchingCondition(request) == null) {
                    return null;
                }
            }
            return super.getMatchingMapping(info, request);
        }

        private String[] segmentsOf(HttpServletRequest request) {
            if (getPatternParser() == null || !getPatternParser().isCaseSensitive()
                    || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
                return null;
            }
            PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
            String value = path.value();
            if (!value.startsWith("/") || value.endsWith("/") || value.contains("//")) {
                return null;
            }
            List<String> words = new ArrayList<>();
            for (PathContainer.Element element : path.elements()) {
                if (element instanceof PathContainer.PathSegment segment) {
                    words.add(segment.valueToMatch());
                }
            }
            return words.toArray(String[]::new);
        }

        private static Shape[] shapesOf(RequestMappingInfo info) {
            return info.getPathPatternsCondition().getPatterns().stream().map(Shape::of).toArray(Shape[]::new);
        }

        private static boolean admits(Shape[] shapes, String[] path) {
            for (Shape shape : shapes) {
                if (shape.admits(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * What a pattern asks of a path's segments at the least: how many there are (-1 when a {@code **} or
     * {@code {*name}} takes any number) and the word at each literal position before such a part (null where a
     * variable or wildcard is; each of those matches within one segment).
     */
    record Shape(int count, String[] literals) {

        static Shape of(PathPattern pattern) {
            String text = pattern.getPatternString();
            String[] parts = (text.startsWith("/") ? text.substring(1) : text).split("/", -1);
            String[] literals = new String[parts.length];
            boolean fixed = true;
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.equals("**") || part.startsWith("{*")) {
                    fixed = false;
                    break;
                }
                boolean literal = part.chars().noneMatch(c -> c == '{' || c == '}' || c == '*' || c == '?');
                literals[i] = literal && !part.isEmpty() ? part : null;
            }
            return new Shape(fixed ? parts.length : -1, literals);
        }

        boolean admits(String[] path) {
            if (count >= 0 && path.length != count) {
                return false;
            }
            for (int i = 0; i < literals.length && i < path.length; i++) {
                if (literals[i] != null && !literals[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
