package io.musicaljourney.journey.command;

import io.musicaljourney.common.UserCommand;
import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.CollectedTrack;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.Visit;
import io.musicaljourney.sharing.ShareToken;

import java.util.List;
import java.util.Map;

/**
 * Begin a journey at a starting node. A client may hand over what it already explored (visits, tracks, its
 * drawing) and share it in the same step, as the frontend's create route allows.
 *
 * @param shareToken the link's secret when the journey starts out shared, else null; minted by the dispatcher
 *                   like the journey's id, so that the creator learns it without reading the journey back
 */
public record StartJourneyCommand(JourneyId journeyId, UserId requestedBy, String title, NodeRef startingNode,
                                  List<Visit> visits, List<CollectedTrack> tracks, Map<String, Object> graph,
                                  ShareToken shareToken) implements UserCommand {

    public StartJourneyCommand {
        visits = visits == null ? List.of() : List.copyOf(visits);
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }
}
