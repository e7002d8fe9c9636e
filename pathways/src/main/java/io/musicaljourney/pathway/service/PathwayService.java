package io.musicaljourney.pathway.service;

import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.pathway.ConnectionNarrative;
import io.musicaljourney.pathway.Pathways;
import io.musicaljourney.pathway.cache.CacheEntry;
import io.musicaljourney.pathway.cache.ExplorationCache;
import io.musicaljourney.pathway.query.FetchConnectionNarrativeQuery;
import io.musicaljourney.pathway.query.FetchPathwaysQuery;
import org.springframework.stereotype.Service;

import java.util.Locale;

/**
 * Pathways and narratives behind the two-level cache: a node's pathways are asked of the provider once per cache
 * lifetime, whoever asks and whatever they visited before (the history never enters the key).
 */
@Service
public class PathwayService {

    public static final String DEFAULT_CONNECTION = "related";

    private final ExplorationCache cache;
    private final PathwayProvider provider;

    public PathwayService(ExplorationCache cache, PathwayProvider provider) {
        this.cache = cache;
        this.provider = provider;
    }

    public Pathways pathways(FetchPathwaysQuery query) {
        return cache.getOrLoad(CacheEntry.pathway(query.nodeType(), query.nodeId()), Pathways.class,
                () -> provider.pathways(query));
    }

    public ConnectionNarrative narrative(FetchConnectionNarrativeQuery query) {
        String type = connectionKey(query.connectionType());
        FetchConnectionNarrativeQuery normalized = new FetchConnectionNarrativeQuery(query.from(), query.to(), type);
        return cache.getOrLoad(CacheEntry.narrative(query.from().id().value(), query.to().id().value(), type),
                ConnectionNarrative.class, () -> provider.narrative(normalized));
    }

    /** The design document's pathway names ({@code genre_connections} is {@code genre}); other words as given. */
    static String connectionKey(String connectionType) {
        if (connectionType == null || connectionType.isBlank()) {
            return DEFAULT_CONNECTION;
        }
        String type = connectionType.strip().toLowerCase(Locale.ROOT);
        return PathwayType.parse(type).map(PathwayType::wireName).orElse(type);
    }

    public String providerName() {
        return provider.name();
    }
}
