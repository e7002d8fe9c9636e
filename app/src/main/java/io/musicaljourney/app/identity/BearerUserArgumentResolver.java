package io.musicaljourney.app.identity;

import io.musicaljourney.common.UserId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Optional;

/**
 * A route that takes a {@link UserId} requires {@code Authorization: Bearer ...}; one that takes an
 * {@code Optional<UserId>} accepts anonymous callers but still refuses a bearer it cannot resolve; routes without
 * either (the shared view) need no credentials. The resolved user is also left on the request for the audit metadata of commands.
 */
public class BearerUserArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String USER_ATTRIBUTE = BearerUserArgumentResolver.class.getName() + ".user";
    private static final String NO_TOKEN = "Unauthorized - No token provided";
    private static final String BEARER = "Bearer ";

    private final IdentityResolver identities;

    public BearerUserArgumentResolver(IdentityResolver identities) {
        this.identities = identities;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return UserId.class.equals(parameter.getParameterType()) || optionalUser(parameter);
    }

    private static boolean optionalUser(MethodParameter parameter) {
        return Optional.class.equals(parameter.getParameterType())
                && UserId.class.equals(parameter.nestedIfOptional().getNestedParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        if (optionalUser(parameter)) {
            return webRequest.getHeader(HttpHeaders.AUTHORIZATION) == null ? Optional.empty()
                    : Optional.of(resolve(webRequest));
        }
        return resolve(webRequest);
    }

    private UserId resolve(NativeWebRequest webRequest) {
        String header = webRequest.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationFailedException(HttpStatus.UNAUTHORIZED, NO_TOKEN);
        }
        String token = header.substring(BEARER.length()).strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new AuthenticationFailedException(HttpStatus.UNAUTHORIZED, NO_TOKEN);
        }
        UserId user = identities.resolve(token);
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request != null) {
            request.setAttribute(USER_ATTRIBUTE, user);
        }
        return user;
    }
}
