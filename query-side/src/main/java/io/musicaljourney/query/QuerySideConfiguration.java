package io.musicaljourney.query;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The query role: the {@code journeys} projector, the query handlers and the read routes, everything under this
 * package. With {@code journey.roles.query=false} none of it exists, so an instance runs only the command side.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
@ComponentScan
@EnableScheduling
public class QuerySideConfiguration {
}
