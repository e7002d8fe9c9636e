-- Idempotency-Key of the journey command routes (issue 6); additions only. One row per user and key: the request's
-- fingerprint, and once it has run, the result replayed to the same request sent again. Kept in PostgreSQL so every
-- instance sees every key; the insert on the primary key decides which of two concurrent requests runs.
CREATE TABLE idempotency_keys (
  user_id VARCHAR(255) NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  -- SHA-256 (hex) of the method, path, If-Match and body.
  request_hash VARCHAR(64) NOT NULL,
  -- 'in_progress' while the first request runs, then 'completed'.
  state VARCHAR(16) NOT NULL,
  response_status INTEGER,
  -- The replayed headers (Content-Type, ETag, Location) as a JSON object.
  response_headers TEXT,
  response_body BYTEA,
  created_at TIMESTAMPTZ NOT NULL,
  -- A request still in progress after this is taken to have died; the same request may then run again.
  locked_until TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, idempotency_key)
);

-- The periodic cleanup of expired keys.
CREATE INDEX idx_idempotency_keys_expires_at ON idempotency_keys(expires_at);
