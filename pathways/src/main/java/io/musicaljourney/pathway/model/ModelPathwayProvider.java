package io.musicaljourney.pathway.model;

import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import io.musicaljourney.pathway.service.PathwayProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Pathways and narratives from a language model. An answer that breaks the schema is asked for once more, with
 * the problem named; a second bad answer is an error (and, thrown out of the cache's loader, is never cached).
 */
public final class ModelPathwayProvider implements PathwayProvider {

    private static final Logger log = LoggerFactory.getLogger(ModelPathwayProvider.class);

    private final LanguageModel model;
    private final PathwayOutputValidator validator;

    public ModelPathwayProvider(LanguageModel model, PathwayOutputValidator validator) {
        this.model = model;
        this.validator = validator;
    }

    @Override
    public Pathways pathways(FetchPathwaysQuery query) {
        return ask(PathwayPrompts.PATHWAYS_SYSTEM, PathwayPrompts.pathwaysUser(query), validator::pathways);
    }

    @Override
    public ConnectionNarrative narrative(FetchConnectionNarrativeQuery query) {
        return ask(PathwayPrompts.NARRATIVE_SYSTEM, PathwayPrompts.narrativeUser(query), validator::narrative);
    }

    private <T> T ask(String system, String user, Function<String, T> parse) {
        try {
            return parse.apply(model.complete(system, user));
        } catch (InvalidModelOutputException invalid) {
            log.warn("{} answered outside the schema ({}); asking once more", model.name(), invalid.getMessage());
            return parse.apply(model.complete(system, user + PathwayPrompts.correction(invalid.getMessage())));
        }
    }

    @Override
    public String name() {
        return model.name();
    }
}
