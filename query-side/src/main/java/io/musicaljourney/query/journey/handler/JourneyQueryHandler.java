package io.musicaljourney.query.journey.handler;

import io.musicaljourney.journey.query.FetchJourneyQuery;
import io.musicaljourney.journey.query.FetchJourneySummariesQuery;
import io.musicaljourney.journey.query.FetchJourneysVisitingNodeQuery;
import io.musicaljourney.journey.query.FetchPublicJourneysQuery;
import io.musicaljourney.journey.query.JourneyDetail;
import io.musicaljourney.journey.query.JourneySummaries;
import io.musicaljourney.journey.query.JourneySummary;
import io.musicaljourney.journey.query.PublicJourneySummaries;
import io.musicaljourney.journey.query.PublicJourneySummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicaljourney.query.audit.opens.SharedLinkOpens;
import io.musicaljourney.sharing.query.FetchSharedJourneyQuery;
import io.musicaljourney.sharing.query.SharedJourney;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Answers the journey queries from the {@code journeys} table with one SQL statement each. The JSONB columns are
 * read as text and handed on as the database wrote them; nothing is parsed on the way out.
 *
 * <p>Lists are ordered by a time and then by id, so that paging with {@code LIMIT/OFFSET} never repeats or skips
 * a journey when two share a timestamp. Each ordering matches an index of the migrations.
 */
@Component
public class JourneyQueryHandler {

    private static final String SUMMARY_COLUMNS = """
            id, title, starting_node_type, starting_node_id, starting_node_name, created_at, updated_at, is_public,
            share_token, jsonb_array_length(nodes_visited) AS node_count, jsonb_array_length(tracks) AS track_count
            """;
    private static final String OWNER_PAGE = """
            ORDER BY updated_at DESC, id
            LIMIT :limit OFFSET :offset
            """;

    private static final String JOURNEY_OF_OWNER = """
            SELECT id, user_id, title, starting_node_type, starting_node_id, starting_node_name,
                   nodes_visited::text AS nodes_visited, tracks::text AS tracks, narratives::text AS narratives,
                   graph::text AS graph, created_at, updated_at, is_public, share_token, version
            FROM journeys
            WHERE id = :id AND user_id = :owner
            """;
    private static final String JOURNEYS_OF_OWNER =
            "SELECT " + SUMMARY_COLUMNS + "FROM journeys WHERE user_id = :owner " + OWNER_PAGE;
    private static final String JOURNEYS_OF_OWNER_FROM_NODE = "SELECT " + SUMMARY_COLUMNS
            + "FROM journeys WHERE user_id = :owner AND starting_node_id = :startingNodeId " + OWNER_PAGE;
    /**
     * The visited node ids, exactly the expression of the GIN index {@code idx_journeys_visited_node_ids} (V12): the
     * planner uses an expression index only for the same expression.
     */
    static final String VISITED_NODE_IDS = "jsonb_path_query_array(nodes_visited, 'strict $[*].nodeId')";
    private static final String JOURNEYS_OF_OWNER_VISITING_NODE = "SELECT " + SUMMARY_COLUMNS
            + "FROM journeys WHERE user_id = :owner AND " + VISITED_NODE_IDS + " @> CAST(:visit AS jsonb) "
            + OWNER_PAGE;
    /** Served by the partial index {@code idx_journeys_public_created_at}. */
    private static final String PUBLIC_JOURNEYS = """
            SELECT id, title, starting_node_type, starting_node_id, starting_node_name, created_at, updated_at,
                   share_token, jsonb_array_length(nodes_visited) AS node_count,
                   jsonb_array_length(tracks) AS track_count
            FROM journeys
            WHERE is_public = true
            ORDER BY created_at DESC, id
            LIMIT :limit OFFSET :offset
            """;
    private static final String SHARED_JOURNEY = """
            SELECT id, title, starting_node_type, starting_node_id, starting_node_name,
                   nodes_visited::text AS nodes_visited, tracks::text AS tracks, narratives::text AS narratives,
                   graph::text AS graph, created_at, updated_at
            FROM journeys
            WHERE share_token = :shareToken AND is_public = true
            """;

    private static final RowMapper<JourneyDetail> DETAIL = (row, n) -> new JourneyDetail(
            row.getString("id"),
            row.getString("user_id"),
            row.getString("title"),
            row.getString("starting_node_type"),
            row.getString("starting_node_id"),
            row.getString("starting_node_name"),
            row.getString("nodes_visited"),
            row.getString("tracks"),
            row.getString("narratives"),
            row.getString("graph"),
            instant(row, "created_at"),
            instant(row, "updated_at"),
            row.getBoolean("is_public"),
            row.getString("share_token"),
            row.getLong("version"));

    private static final RowMapper<JourneySummary> SUMMARY = (row, n) -> new JourneySummary(
            row.getString("id"),
            row.getString("title"),
            row.getString("starting_node_type"),
            row.getString("starting_node_id"),
            row.getString("starting_node_name"),
            instant(row, "created_at"),
            instant(row, "updated_at"),
            row.getBoolean("is_public"),
            row.getString("share_token"),
            row.getInt("node_count"),
            row.getInt("track_count"));

    private static final RowMapper<PublicJourneySummary> PUBLIC_SUMMARY = (row, n) -> new PublicJourneySummary(
            row.getString("id"),
            row.getString("title"),
            row.getString("starting_node_type"),
            row.getString("starting_node_id"),
            row.getString("starting_node_name"),
            instant(row, "created_at"),
            instant(row, "updated_at"),
            row.getString("share_token"),
            row.getInt("node_count"),
            row.getInt("track_count"));

    private static final RowMapper<SharedJourney> SHARED = (row, n) -> new SharedJourney(
            row.getString("id"),
            row.getString("title"),
            row.getString("starting_node_type"),
            row.getString("starting_node_id"),
            row.getString("starting_node_name"),
            row.getString("nodes_visited"),
            row.getString("tracks"),
            row.getString("narratives"),
            row.getString("graph"),
            instant(row, "created_at"),
            instant(row, "updated_at"));

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SharedLinkOpens linkOpens;

    public JourneyQueryHandler(NamedParameterJdbcTemplate jdbc, ObjectMapper json, SharedLinkOpens linkOpens) {
        this.jdbc = jdbc;
        this.json = json;
        this.linkOpens = linkOpens;
    }

    /** Somebody else's journey is answered exactly like a missing one: null. */
    @QueryHandler
    public JourneyDetail handle(FetchJourneyQuery query) {
        return single(jdbc.query(JOURNEY_OF_OWNER, new MapSqlParameterSource()
                .addValue("id", query.journeyId().value())
                .addValue("owner", query.requestedBy().value()), DETAIL));
    }

    @QueryHandler
    public JourneySummaries handle(FetchJourneySummariesQuery query) {
        MapSqlParameterSource parameters = page(query.limit(), query.offset())
                .addValue("owner", query.owner().value());
        if (query.startingNodeId() == null) {
            return new JourneySummaries(jdbc.query(JOURNEYS_OF_OWNER, parameters, SUMMARY));
        }
        parameters.addValue("startingNodeId", query.startingNodeId());
        return new JourneySummaries(jdbc.query(JOURNEYS_OF_OWNER_FROM_NODE, parameters, SUMMARY));
    }

    @QueryHandler
    public JourneySummaries handle(FetchJourneysVisitingNodeQuery query) {
        return new JourneySummaries(jdbc.query(JOURNEYS_OF_OWNER_VISITING_NODE, page(query.limit(), query.offset())
                .addValue("owner", query.owner().value())
                .addValue("visit", visitOf(query.nodeId())), SUMMARY));
    }

    @QueryHandler
    public PublicJourneySummaries handle(FetchPublicJourneysQuery query) {
        return new PublicJourneySummaries(
                jdbc.query(PUBLIC_JOURNEYS, page(query.limit(), query.offset()), PUBLIC_SUMMARY));
    }

    /** An unknown token and a revoked one are answered alike: null. Each answered read counts as an open. */
    @QueryHandler
    public SharedJourney handle(FetchSharedJourneyQuery query) {
        SharedJourney journey = single(jdbc.query(SHARED_JOURNEY,
                new MapSqlParameterSource("shareToken", query.shareToken().value()), SHARED));
        if (journey != null) {
            linkOpens.opened(UUID.fromString(journey.id()), query.shareToken());
        }
        return journey;
    }

    /** The containment probe {@code ["<node id>"]}, rendered by Jackson so that any id is quoted safely. */
    private String visitOf(String nodeId) {
        try {
            return json.writeValueAsString(List.of(nodeId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render a node id as JSON", e);
        }
    }

    private static MapSqlParameterSource page(int limit, int offset) {
        return new MapSqlParameterSource().addValue("limit", limit).addValue("offset", offset);
    }

    private static <T> T single(List<T> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The columns are UTC wall-clock times ({@code TIMESTAMP} without time zone), as the projector writes them. */
    private static Instant instant(ResultSet row, String column) throws SQLException {
        LocalDateTime utc = row.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
