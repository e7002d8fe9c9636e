-- What the frontend and the projector need beyond the design document; additions only.

-- The frontend's React Flow drawing ({nodes, edges}), stored opaquely.
ALTER TABLE journeys ADD COLUMN graph JSONB NOT NULL DEFAULT '{}'::jsonb;

-- The sequence number of the last event folded into the row: makes every handler idempotent under redelivery
-- (an event at or below it is skipped) and is the journey's version for readers and If-Match.
ALTER TABLE journeys ADD COLUMN version BIGINT NOT NULL DEFAULT -1;

-- The owner's list is ordered by updated_at (the frontend's "newest first") and may filter by starting node.
CREATE INDEX idx_journeys_user_updated_at ON journeys(user_id, updated_at DESC, id);
CREATE INDEX idx_journeys_user_starting_node ON journeys(user_id, starting_node_id, created_at DESC);

-- Public discovery, newest first, without scanning every public row.
CREATE INDEX idx_journeys_public_created_at ON journeys(created_at DESC, id) WHERE is_public = true;
