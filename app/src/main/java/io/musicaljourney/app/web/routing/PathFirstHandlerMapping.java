package io.musicaljourney.app.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's own handler mapping, except that a route's path is compared before its other conditions.
 *
 * <p>A request whose path has variables ({@code /api/journeys/{id}/visits}, {@code /api/pathways/{type}/{id}}) has
 * no direct lookup, so Spring asks every route whether it matches, and a route checks its HTTP method, headers,
 * consumed and produced media types (resolving the {@code Accept} header) before its path. With our 50 routes that
 * was 14 % of the service's CPU on a cached pathway request and 6 % on VisitNode (issue 5, flight recordings).
 * Comparing the path first turns almost every route away after a literal segment or two; a route whose path
 * matches is then asked for all its conditions exactly as before, so which handler answers, and every 405, 406 and
 * 415, stay the same.
 */
@Configuration(proxyBeanMethods = false)
public class PathFirstHandlerMapping implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new Mapping();
    }

    static final class Mapping extends RequestMappingHandlerMapping {
        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            PathPatternsRequestCondition paths = info.getPathPatternsCondition();
            if (paths != null && paths.getMatchingCondition(request) == null) {
                return null;
            }
            return super.getMatchingMapping(info, request);
        }
    }
}
