-- The design document's read model and cache tables, exactly as DATABASE-SCHEMA.md writes them,
-- followed by Axon Framework's tables for its JDBC storage engine (snake_case names, BYTEA payloads).

CREATE TABLE journeys (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id VARCHAR(255) NOT NULL,
  title VARCHAR(255),
  starting_node_type VARCHAR(50) NOT NULL,
  starting_node_id VARCHAR(255) NOT NULL,
  starting_node_name VARCHAR(255) NOT NULL,
  nodes_visited JSONB NOT NULL DEFAULT '[]'::jsonb,
  tracks JSONB NOT NULL DEFAULT '[]'::jsonb,
  narratives JSONB NOT NULL DEFAULT '[]'::jsonb,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW(),
  is_public BOOLEAN DEFAULT false,
  share_token VARCHAR(255) UNIQUE
);

CREATE TABLE journey_nodes_cache (
  cache_key VARCHAR(500) PRIMARY KEY,
  node_data JSONB NOT NULL,
  cached_at TIMESTAMP DEFAULT NOW(),
  expires_at TIMESTAMP
);

-- User journey lookup
CREATE INDEX idx_journeys_user_id ON journeys(user_id);

-- Public journey discovery
CREATE INDEX idx_journeys_public ON journeys(is_public) WHERE is_public = true;

-- Share token lookup
CREATE INDEX idx_journeys_share_token ON journeys(share_token) WHERE share_token IS NOT NULL;

-- Recent journeys
CREATE INDEX idx_journeys_created_at ON journeys(created_at DESC);

-- JSONB indexing for search
CREATE INDEX idx_journeys_nodes_visited ON journeys USING gin(nodes_visited);

-- Expiration cleanup
CREATE INDEX idx_cache_expires_at ON journey_nodes_cache(expires_at);

-- Axon: the event store. global_index is assigned by the database (the JDBC engine's INSERT omits it).
CREATE TABLE domain_event_entry (
  global_index BIGSERIAL NOT NULL PRIMARY KEY,
  event_identifier VARCHAR(255) NOT NULL,
  meta_data BYTEA,
  payload BYTEA NOT NULL,
  payload_revision VARCHAR(255),
  payload_type VARCHAR(255) NOT NULL,
  time_stamp VARCHAR(255) NOT NULL,
  aggregate_identifier VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  type VARCHAR(255),
  CONSTRAINT uk_domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
  CONSTRAINT uk_domain_event_entry_event_identifier UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
  aggregate_identifier VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  type VARCHAR(255) NOT NULL,
  event_identifier VARCHAR(255) NOT NULL,
  meta_data BYTEA,
  payload BYTEA NOT NULL,
  payload_revision VARCHAR(255),
  payload_type VARCHAR(255) NOT NULL,
  time_stamp VARCHAR(255) NOT NULL,
  CONSTRAINT pk_snapshot_event_entry PRIMARY KEY (aggregate_identifier, sequence_number),
  CONSTRAINT uk_snapshot_event_entry_event_identifier UNIQUE (event_identifier)
);

-- Axon: tracking tokens of the streaming processors, claimed per segment.
CREATE TABLE token_entry (
  processor_name VARCHAR(255) NOT NULL,
  segment INTEGER NOT NULL,
  token BYTEA,
  token_type VARCHAR(255),
  timestamp VARCHAR(255),
  owner VARCHAR(255),
  CONSTRAINT pk_token_entry PRIMARY KEY (processor_name, segment)
);

-- Axon: sagas (none yet; the JDBC saga store expects the tables when it is configured).
CREATE TABLE saga_entry (
  saga_id VARCHAR(255) NOT NULL PRIMARY KEY,
  revision VARCHAR(255),
  saga_type VARCHAR(255),
  serialized_saga BYTEA
);

CREATE TABLE association_value_entry (
  id BIGSERIAL NOT NULL PRIMARY KEY,
  association_key VARCHAR(255) NOT NULL,
  association_value VARCHAR(255),
  saga_id VARCHAR(255) NOT NULL,
  saga_type VARCHAR(255)
);

CREATE INDEX idx_association_value_entry_saga_type_key_value
  ON association_value_entry(saga_type, association_key, association_value);
CREATE INDEX idx_association_value_entry_saga_id_type ON association_value_entry(saga_id, saga_type);
