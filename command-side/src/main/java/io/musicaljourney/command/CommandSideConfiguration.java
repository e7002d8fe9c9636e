package io.musicaljourney.command;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The command role: the Journey aggregate, its collaborators and the command routes, everything under this
 * package. With {@code journey.roles.command=false} none of it exists, so an instance serves reads only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
@ComponentScan
public class CommandSideConfiguration {
}
