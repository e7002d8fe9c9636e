package io.musicaljourney.app.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Ends the process as soon as the service is ready, through the context's ordinary close: web server, processors,
 * connections, then the embedded PostgreSQL. The build's class-data training run uses it ({@code app/pom.xml}): the
 * JVM writes every class that a whole start loaded into the archive the README's command maps at the next start.
 * Spring's {@code spring.context.exit=onRefresh} stops earlier (no web server, no processors) and halts the JVM
 * without closing anything, which would leave the embedded PostgreSQL running.
 */
@Component
@ConditionalOnProperty(name = "journey.startup.exit-when-ready", havingValue = "true")
class ExitWhenReady implements ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        System.exit(SpringApplication.exit(event.getApplicationContext()));
    }
}
