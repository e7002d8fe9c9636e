package io.musicaljourney.command.journey.web;

import io.musicaljourney.common.UserId;
import io.musicaljourney.journey.JourneyId;
import io.musicaljourney.journey.JourneyRejectedException;
import io.musicaljourney.journey.NodeId;
import io.musicaljourney.journey.NodeRef;
import io.musicaljourney.journey.PathwayType;
import io.musicaljourney.journey.command.AddTrackCommand;
import io.musicaljourney.journey.command.DeleteJourneyCommand;
import io.musicaljourney.journey.command.JourneyCommandResult;
import io.musicaljourney.journey.command.RecordNarrativeCommand;
import io.musicaljourney.journey.command.RemoveTrackCommand;
import io.musicaljourney.journey.command.RenameJourneyCommand;
import io.musicaljourney.journey.command.ReviseJourneyCommand;
import io.musicaljourney.journey.command.SaveJourneyGraphCommand;
import io.musicaljourney.journey.command.StartJourneyCommand;
import io.musicaljourney.journey.command.VisitNodeCommand;
import io.musicaljourney.command.journey.web.JourneyCommandRequests.CreateJourneyRequest;
import io.musicaljourney.command.journey.web.JourneyCommandRequests.GraphRequest;
import io.musicaljourney.command.journey.web.JourneyCommandRequests.NarrativeRequest;
import io.musicaljourney.command.journey.web.JourneyCommandRequests.ReviseJourneyRequest;
import io.musicaljourney.command.journey.web.JourneyCommandRequests.TitleRequest;
import io.musicaljourney.command.journey.web.JourneyCommandRequests.TrackRequest;
import io.musicaljourney.command.journey.web.JourneyCommandRequests.VisitRequest;
import io.musicaljourney.command.journey.web.JourneyCommandResponses.CreatedJourney;
import io.musicaljourney.command.journey.web.JourneyCommandResponses.Deleted;
import io.musicaljourney.command.journey.web.JourneyCommandResponses.JourneyVersion;
import io.musicaljourney.command.journey.web.JourneyCommandResponses.RevisedJourney;
import io.musicaljourney.sharing.ShareToken;
import io.musicaljourney.command.sharing.token.ShareTokenGenerator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

import static io.musicaljourney.command.journey.web.ClientEntries.badRequest;

/**
 * The journey command routes: the frontend's create, save (PATCH/PUT) and delete, and our own fine-grained routes.
 * Each turns a request into one command; the rules live in the aggregate.
 */
@RestController
@RequestMapping("/api/journeys")
@Tag(name = "Journey commands")
public class JourneyCommandController {

    private static final String REQUIRED_START =
            "startingNodeType, startingNodeId, startingNodeName are required";

    private final JourneyCommandDispatcher commands;
    private final ShareTokenGenerator shareTokens;
    private final NarrativeWriter narratives;

    public JourneyCommandController(JourneyCommandDispatcher commands, ShareTokenGenerator shareTokens,
                                    NarrativeWriter narratives) {
        this.commands = commands;
        this.shareTokens = shareTokens;
        this.narratives = narratives;
    }

    @Operation(summary = "Start a journey (frontend route)",
            description = "Optionally with visited nodes, tracks, a graph drawing and a shared link.")
    @PostMapping
    public ResponseEntity<CreatedJourney> create(@Parameter(hidden = true) UserId user,
                                                 @RequestBody CreateJourneyRequest request) {
        if (isBlank(request.startingNodeType()) || isBlank(request.startingNodeId())
                || isBlank(request.startingNodeName())) {
            throw badRequest(REQUIRED_START);
        }
        NodeRef start = new NodeRef(NodeId.of(request.startingNodeId()),
                ClientEntries.nodeType(request.startingNodeType(), "startingNode"), request.startingNodeName());
        ShareToken token = Boolean.TRUE.equals(request.isPublic()) ? shareTokens.next() : null;
        JourneyId id = commands.start(new StartJourneyCommand(JourneyId.random(), user, request.title(), start,
                ClientEntries.visits(request.nodesVisited()), ClientEntries.tracks(request.tracks()),
                request.graph(), token));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CreatedJourney(id.asString(), token == null ? null : token.value()));
    }

    @Operation(summary = "Save a journey as a whole (frontend route)",
            description = "Omitted or null fields keep their value; the difference becomes intent events.")
    @PatchMapping("/{id}")
    public ResponseEntity<RevisedJourney.Body> revise(@Parameter(hidden = true) UserId user,
                                                      @PathVariable String id,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                      String ifMatch,
                                                      @RequestBody ReviseJourneyRequest request) {
        JourneyCommandResult result = commands.send(new ReviseJourneyCommand(journeyId(id), user, request.title(),
                ClientEntries.visits(request.nodesVisited()), ClientEntries.tracks(request.tracks()),
                request.graph(), request.isPublic(), Boolean.TRUE.equals(request.rotateShareToken()),
                IfMatch.expectedVersion(ifMatch)));
        return withVersion(result, RevisedJourney.Body.of(result));
    }

    @Operation(summary = "Save a journey as a whole (frontend route, same as PATCH)")
    @PutMapping("/{id}")
    public ResponseEntity<RevisedJourney.Body> replace(@Parameter(hidden = true) UserId user,
                                                       @PathVariable String id,
                                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                       String ifMatch,
                                                       @RequestBody ReviseJourneyRequest request) {
        return revise(user, id, ifMatch, request);
    }

    @Operation(summary = "Delete a journey (frontend route)")
    @DeleteMapping("/{id}")
    public ResponseEntity<Deleted> delete(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                          String ifMatch) {
        commands.send(new DeleteJourneyCommand(journeyId(id), user, IfMatch.expectedVersion(ifMatch)));
        return ResponseEntity.ok(Deleted.OK);
    }

    @Operation(summary = "Visit a node along a pathway")
    @PostMapping("/{id}/visits")
    public ResponseEntity<JourneyVersion> visit(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                String ifMatch,
                                                @RequestBody VisitRequest request) {
        return respond(commands.send(new VisitNodeCommand(journeyId(id), user, request.toVisit(),
                IfMatch.expectedVersion(ifMatch))));
    }

    @Operation(summary = "Collect a track at a visited node")
    @PostMapping("/{id}/tracks")
    public ResponseEntity<JourneyVersion> addTrack(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                   String ifMatch,
                                                   @RequestBody TrackRequest request) {
        return respond(commands.send(new AddTrackCommand(journeyId(id), user, request.toTrack(),
                IfMatch.expectedVersion(ifMatch))));
    }

    @Operation(summary = "Remove a collected track")
    @DeleteMapping("/{id}/tracks/{trackId}")
    public ResponseEntity<JourneyVersion> removeTrack(@Parameter(hidden = true) UserId user,
                                                      @PathVariable String id, @PathVariable String trackId,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                      String ifMatch) {
        return respond(commands.send(new RemoveTrackCommand(journeyId(id), user,
                ClientEntries.trackId(trackId, "trackId"),
                IfMatch.expectedVersion(ifMatch))));
    }

    @Operation(summary = "Record the story of a connection between two nodes of the journey",
            description = "Without a narrative text the service writes one (cached per fromNodeId, toNodeId and"
                    + " pathwayType; fromNodeName/fromNodeType/toNodeName/toNodeType say what the ids stand for)."
                    + " 503 where no instance can write stories.")
    @PostMapping("/{id}/narratives")
    public ResponseEntity<JourneyVersion> recordNarrative(@Parameter(hidden = true) UserId user,
                                                          @PathVariable String id,
                                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                          String ifMatch,
                                                          @RequestBody NarrativeRequest request) {
        request.requireNodes();
        JourneyId journey = journeyId(id);
        PathwayType type = ClientEntries.pathwayType(request.pathwayType(), "narrative");
        String narrative = request.hasNarrative() ? request.narrative() : narratives.write(journey, user,
                NarrativeWriter.node(request.fromNodeId(), request.fromNodeName(), request.fromNodeType()),
                NarrativeWriter.node(request.toNodeId(), request.toNodeName(), request.toNodeType()), type);
        return respond(commands.send(new RecordNarrativeCommand(journey, user,
                NodeId.of(request.fromNodeId()), NodeId.of(request.toNodeId()), type, narrative,
                IfMatch.expectedVersion(ifMatch))));
    }

    @Operation(summary = "Rename a journey")
    @PutMapping("/{id}/title")
    public ResponseEntity<JourneyVersion> rename(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                 String ifMatch,
                                                 @RequestBody TitleRequest request) {
        return respond(commands.send(new RenameJourneyCommand(journeyId(id), user, request.title(),
                IfMatch.expectedVersion(ifMatch))));
    }

    @Operation(summary = "Save the journey's graph drawing")
    @PutMapping("/{id}/graph")
    public ResponseEntity<JourneyVersion> saveGraph(@Parameter(hidden = true) UserId user, @PathVariable String id,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                    String ifMatch,
                                                    @RequestBody GraphRequest request) {
        Map<String, Object> graph = request.graph();
        if (graph == null) {
            throw badRequest("graph is required");
        }
        return respond(commands.send(new SaveJourneyGraphCommand(journeyId(id), user, graph,
                IfMatch.expectedVersion(ifMatch))));
    }

    /** A path id that is not a UUID names no journey: answered like any unknown journey. */
    public static JourneyId journeyId(String id) {
        return JourneyId.parse(id).orElseThrow(JourneyRejectedException::notFound);
    }

    static <T> ResponseEntity<T> withVersion(JourneyCommandResult result, T body) {
        return ResponseEntity.ok().eTag(IfMatch.etag(result.version())).body(body);
    }

    private static ResponseEntity<JourneyVersion> respond(JourneyCommandResult result) {
        return withVersion(result, JourneyVersion.of(result));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
