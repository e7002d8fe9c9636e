-- The projector rewrites a journey's row for every batch of its events, and each rewrite is a new row version in
-- every index (updated_at is indexed, so no update is HOT) and a new compressed copy of the JSONB arrays. Issue 5
-- measured these updates as the largest single cost of a rebuild in PostgreSQL (about 1.1 ms each for journeys of
-- 100 visits); this migration roughly halves them (docs/adr/0008-journeys-indexes-for-writes.md).

-- The design document's GIN index over the whole nodes_visited array held every key and every value of every visit
-- (names, times, narratives: about 15 entries per visit), all re-inserted on each update. The only query that needs
-- it asks for journeys that visited a node id, so the index now holds just the node ids.
-- Built before any DROP: building takes a lock that lets reads go on (writes to journeys wait), while a DROP's
-- exclusive lock would stop reads too until the migration commits.
CREATE INDEX idx_journeys_visited_node_ids ON journeys
  USING gin ((jsonb_path_query_array(nodes_visited, 'strict $[*].nodeId')));
DROP INDEX idx_journeys_nodes_visited;

-- Served by indexes of V2, which every update maintains as well: the owner's lists lead with user_id
-- (idx_journeys_user_updated_at, idx_journeys_user_starting_node) and public discovery is
-- idx_journeys_public_created_at. No query orders all journeys by creation time.
DROP INDEX idx_journeys_user_id;
DROP INDEX idx_journeys_public;
DROP INDEX idx_journeys_created_at;

-- lz4 compresses and decompresses the arrays several times faster than the default pglz at about the same size.
-- Only where the server was built with it (PostgreSQL 14+ with lz4; the embedded default's binaries are not);
-- elsewhere pglz stays. Rows already stored keep their compression until they are next written.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE journeys
      ALTER COLUMN nodes_visited SET COMPRESSION lz4,
      ALTER COLUMN tracks SET COMPRESSION lz4,
      ALTER COLUMN narratives SET COMPRESSION lz4;
  END IF;
END
$$;
