package io.musicaljourney;

import io.musicaljourney.journey.aggregate.Journey;
import io.musicaljourney.journey.web.JourneyCommandController;
import io.musicaljourney.sharing.token.ShareTokenGenerator;
import io.musicaljourney.sharing.web.SharingCommandController;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The command role: the Journey aggregate, its collaborators and the command routes. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.command", havingValue = "true", matchIfMissing = true)
@ComponentScan(basePackageClasses = {Journey.class, JourneyCommandController.class, ShareTokenGenerator.class,
        SharingCommandController.class})
public class CommandSideConfiguration {
}
