package io.musicaljourney.spotify.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/**
 * The Spotify Web API client, on {@code journey.spotify.api-base-url} with its timeouts, guarded by the resilience4j
 * retry and circuit breaker named {@code spotify}. They are built here from {@code journey.spotify.retry.*} and
 * {@code journey.spotify.circuit-breaker.*} rather than from {@code resilience4j.*.instances.spotify}, because what
 * counts as retryable (Spotify's status and {@code Retry-After}) is code, not configuration; they are registered in
 * the application's registries so that metrics and the actuator see them under that name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpotifyProperties.class)
class SpotifyClientConfiguration {

    static final String NAME = "spotify";

    @Bean
    SpotifyAvailability spotifyAvailability(SpotifyProperties properties, Environment environment) {
        return SpotifyAvailability.from(properties.enabled(), environment);
    }

    @Bean
    SpotifyWebApi spotifyWebApi(RestClient.Builder builder, ObjectMapper objectMapper, SpotifyProperties properties,
                                ObjectProvider<RetryRegistry> retryRegistry,
                                ObjectProvider<CircuitBreakerRegistry> circuitBreakerRegistry) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        RestClient spotify = builder.clone().baseUrl(properties.apiBaseUrl()).requestFactory(requests).build();

        RetryRegistry retries = retryRegistry.getIfAvailable(RetryRegistry::ofDefaults);
        CircuitBreakerRegistry breakers = circuitBreakerRegistry.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
        // Replace whatever was registered under the name before (another context, a yml instance): these settings
        // are the ones this client was written against.
        retries.remove(NAME);
        breakers.remove(NAME);
        Retry retry = retries.retry(NAME, SpotifyWebApi.retryConfig(properties.retry()));
        CircuitBreaker circuitBreaker =
                breakers.circuitBreaker(NAME, SpotifyWebApi.circuitBreakerConfig(properties.circuitBreaker()));
        return new SpotifyWebApi(spotify, objectMapper, retry, circuitBreaker);
    }
}
