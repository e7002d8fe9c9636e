package io.musicaljourney.app.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * Chooses how bearer credentials become user ids: {@code journey.auth.mode=spotify} or {@code local}; the default,
 * {@code auto}, is local on the embedded default (no database configured) and Spotify everywhere else.
 */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    @Conditional(LocalIdentityCondition.class)
    IdentityResolver localIdentityResolver() {
        String banner = "*".repeat(100);
        log.warn("\n{}\n* journey.auth.mode=local: the bearer token IS the user id. Anyone can act as anyone.\n"
                + "* Fine for a laptop; never expose this instance. Set journey.auth.mode=spotify for real users.\n{}",
                banner, banner);
        return new LocalIdentityResolver();
    }

    @Bean
    @ConditionalOnMissingBean(IdentityResolver.class)
    IdentityResolver spotifyIdentityResolver(RestClient.Builder builder, ObjectMapper objectMapper,
                                             @Value("${journey.spotify.api-base-url}") String apiBaseUrl,
                                             @Value("${journey.auth.identity-cache-ttl}") Duration cacheTtl,
                                             @Value("${journey.spotify.connect-timeout}") Duration connectTimeout,
                                             @Value("${journey.spotify.read-timeout}") Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        RestClient spotify = builder.clone().baseUrl(apiBaseUrl).requestFactory(requests).build();
        return new SpotifyIdentityResolver(spotify, objectMapper, cacheTtl);
    }

    @Bean
    WebMvcConfigurer bearerUserResolution(IdentityResolver identities) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new BearerUserArgumentResolver(identities));
            }
        };
    }
}
