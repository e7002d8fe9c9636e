package io.musicaljourney.pathway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The exploration role: pathways, connection stories and the Spotify proxies, everything under
 * {@code io.musicaljourney.pathway} and {@code io.musicaljourney.spotify}. {@code journey.roles.pathways=false}
 * switches it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.pathways", havingValue = "true", matchIfMissing = true)
@ComponentScan(basePackages = {"io.musicaljourney.pathway", "io.musicaljourney.spotify"})
public class PathwaysConfiguration {
}
