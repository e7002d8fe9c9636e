package io.musicaljourney.pathway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.musicaljourney.pathway.catalog.CatalogPathwayProvider;
import io.musicaljourney.pathway.catalog.OfflineCatalog;
import io.musicaljourney.pathway.model.AnthropicLanguageModel;
import io.musicaljourney.pathway.model.ModelPathwayProvider;
import io.musicaljourney.pathway.model.OpenAiCompatibleLanguageModel;
import io.musicaljourney.pathway.model.PathwayModelProperties;
import io.musicaljourney.pathway.model.PathwayOutputValidator;
import io.musicaljourney.pathway.model.UpstreamGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * Chooses where pathways come from ({@code journey.pathways.provider}): with {@code auto}, Anthropic when its key is
 * set, else an OpenAI-compatible server when its URL is set, else the offline catalog, so a service started with no
 * keys still answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PathwayModelProperties.class)
public class PathwayProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PathwayProviderConfiguration.class);

    @Bean
    PathwayOutputValidator pathwayOutputValidator(ObjectMapper json) {
        return new PathwayOutputValidator(json);
    }

    @Bean
    PathwayProvider pathwayProvider(PathwayModelProperties properties, OfflineCatalog catalog,
                                    PathwayOutputValidator validator,
                                    ObjectProvider<RetryRegistry> retries,
                                    ObjectProvider<CircuitBreakerRegistry> breakers,
                                    ObjectProvider<Clock> clocks,
                                    @Value("${journey.pathways.circuit-breaker.wait-in-open-state:30s}")
                                    Duration waitInOpenState) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        String choice = switch (properties.provider()) {
            case "auto" -> properties.anthropic().configured() ? AnthropicLanguageModel.NAME
                    : properties.openai().configured() ? OpenAiCompatibleLanguageModel.NAME
                    : CatalogPathwayProvider.NAME;
            case "catalog", "anthropic", "openai" -> properties.provider();
            default -> throw new IllegalStateException("journey.pathways.provider must be auto, catalog, anthropic"
                    + " or openai, not '" + properties.provider() + "'");
        };
        PathwayProvider provider = switch (choice) {
            case AnthropicLanguageModel.NAME -> {
                if (!properties.anthropic().configured()) {
                    throw new IllegalStateException("journey.pathways.provider=anthropic needs"
                            + " journey.pathways.anthropic.api-key");
                }
                yield new ModelPathwayProvider(new AnthropicLanguageModel(properties.anthropic(),
                        guard(AnthropicLanguageModel.NAME, properties, retries, breakers, waitInOpenState), clock),
                        validator);
            }
            case OpenAiCompatibleLanguageModel.NAME -> {
                if (!properties.openai().configured()) {
                    throw new IllegalStateException("journey.pathways.provider=openai needs"
                            + " journey.pathways.openai.base-url");
                }
                yield new ModelPathwayProvider(new OpenAiCompatibleLanguageModel(properties.openai(),
                        guard(OpenAiCompatibleLanguageModel.NAME, properties, retries, breakers,
                        waitInOpenState), clock), validator);
            }
            default -> new CatalogPathwayProvider(catalog, clock);
        };
        log.info("Pathways and narratives come from: {}", provider.name());
        return provider;
    }

    private static UpstreamGuard guard(String name, PathwayModelProperties properties,
                                       ObjectProvider<RetryRegistry> retries,
                                       ObjectProvider<CircuitBreakerRegistry> breakers, Duration waitInOpenState) {
        return new UpstreamGuard(name, properties.retry(), retries.getIfAvailable(RetryRegistry::ofDefaults),
                breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults), waitInOpenState);
    }
}
