-- The tamper-evident audit (issue 4). Each stored event gets a SHA-256 hash over its stored columns and the hash of
-- the event before it in its journey, written in the transaction that appends the event (HashChainingAppend).
-- Changing, removing or re-hashing any event except the newest breaks the chain at that point;
-- GET /api/journeys/{id}/audit/verify recomputes it. The table comes with the first release that stores events, so
-- every event has a link; one without is reported as a break.
CREATE TABLE event_hash_chain (
  aggregate_identifier VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  event_identifier VARCHAR(255) NOT NULL,
  hash BYTEA NOT NULL,
  CONSTRAINT pk_event_hash_chain PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- How often a shared link was opened, per journey, per share (the token's fingerprint, never the token) and per
-- day. Nothing about the reader is stored: no address, no agent, no identity.
CREATE TABLE shared_link_opens (
  journey_id UUID NOT NULL,
  token_fingerprint VARCHAR(64) NOT NULL,
  day DATE NOT NULL,
  opens BIGINT NOT NULL,
  CONSTRAINT pk_shared_link_opens PRIMARY KEY (journey_id, token_fingerprint, day)
);
