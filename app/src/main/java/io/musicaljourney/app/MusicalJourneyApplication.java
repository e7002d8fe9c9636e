package io.musicaljourney.app;

import io.musicaljourney.command.CommandSideConfiguration;
import io.musicaljourney.pathway.PathwaysConfiguration;
import io.musicaljourney.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The runnable service. It assembles the command side, the query side and the pathways (exploration) role;
 * {@code journey.roles.command}, {@code journey.roles.query} and {@code journey.roles.pathways} switch each off, so
 * they can be deployed and scaled apart against one database.
 */
@SpringBootApplication
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class, PathwaysConfiguration.class})
public class MusicalJourneyApplication {

    public static void main(String[] args) {
        SpringApplication.run(MusicalJourneyApplication.class, args);
    }
}
