package io.musicaljourney;

import io.musicaljourney.journey.projection.JourneyProjector;
import io.musicaljourney.journey.query.JourneyQueryHandler;
import io.musicaljourney.journey.web.JourneyQueryController;
import io.musicaljourney.sharing.web.SharedJourneyController;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The query role: the {@code journeys} projector, the query handlers and the read routes. With
 * {@code journey.roles.query=false} none of them exists, so an instance runs only the command side.
 *
 * <p>The web packages are shared with the command side, so from those only this side's own controllers are taken;
 * otherwise switching one role off would not switch off its routes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journey.roles.query", havingValue = "true", matchIfMissing = true)
@ComponentScan(basePackageClasses = {JourneyProjector.class, JourneyQueryHandler.class})
@ComponentScan(basePackageClasses = {JourneyQueryController.class, SharedJourneyController.class},
        useDefaultFilters = false,
        includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {JourneyQueryController.class, SharedJourneyController.class}))
public class QuerySideConfiguration {
}
