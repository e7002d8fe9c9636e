package io.musicaljourney.app;

import io.musicaljourney.command.CommandSideConfiguration;
import io.musicaljourney.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The runnable service. It assembles the command side and the query side; {@code journey.roles.command} and
 * {@code journey.roles.query} switch either off, so the two can be deployed and scaled apart against one database.
 */
@SpringBootApplication
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class})
public class MusicalJourneyApplication {

    public static void main(String[] args) {
        SpringApplication.run(MusicalJourneyApplication.class, args);
    }
}
