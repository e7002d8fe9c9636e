package io.musicaljourney.pathway.web;

import io.musicaljourney.pathway.Pathway;
import io.musicaljourney.pathway.PathwayNode;
import io.musicaljourney.pathway.Pathways;

import java.util.List;

/** Response bodies: pathway types carry the frontend's names ({@code genre_connections}). */
public final class PathwayResponses {

    private PathwayResponses() {
    }

    public record PathwaysBody(List<PathwayBody> pathways) {

        static PathwaysBody of(Pathways pathways) {
            return new PathwaysBody(pathways.pathways().stream().map(PathwayBody::of).toList());
        }
    }

    public record PathwayBody(String type, String title, List<PathwayNode> nodes) {

        static PathwayBody of(Pathway pathway) {
            return new PathwayBody(pathway.type().frontendName(), pathway.title(), pathway.nodes());
        }
    }
}
