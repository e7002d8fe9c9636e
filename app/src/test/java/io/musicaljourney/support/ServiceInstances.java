package io.musicaljourney.support;

import io.musicaljourney.app.MusicalJourneyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Extra instances of the service in the test JVM, for what one shared test application cannot show: several
 * instances (or roles) against one database, each on a port of its own, in local identity mode.
 */
public final class ServiceInstances {

    private ServiceInstances() {
    }

    /** @param settings further {@code name=value} settings, such as a role switched off */
    public static ConfigurableApplicationContext start(String database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--journey.auth.mode=local",
                "--spring.jmx.enabled=false"));
        for (String setting : settings) {
            arguments.add("--" + setting);
        }
        return new SpringApplicationBuilder(MusicalJourneyApplication.class).run(arguments.toArray(String[]::new));
    }

    public static String baseUrl(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort();
    }
}
