-- Operators' replay and rebuild (issue 4); additions only.

-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue), with the snake_case names of the DeadLetterSchema
-- bean (AxonConfiguration). Columns as Axon 4.13's GenericDeadLetterTableFactory creates them, with BYTEA for its
-- serialized columns; the timestamps stay VARCHAR because Axon writes and parses them as ISO-8601 strings. The cause
-- message is TEXT: a database error can be longer than Axon's VARCHAR(1023).
-- One sequence per journey (SequentialPerAggregatePolicy) per processing group: a failing event parks every later
-- event of its journey behind it, in order.
CREATE TABLE dead_letter_entry (
  dead_letter_id VARCHAR(255) NOT NULL,
  processing_group VARCHAR(255) NOT NULL,
  sequence_identifier VARCHAR(255) NOT NULL,
  sequence_index BIGINT NOT NULL,
  message_type VARCHAR(255) NOT NULL,
  event_identifier VARCHAR(255) NOT NULL,
  time_stamp VARCHAR(255) NOT NULL,
  payload_type VARCHAR(255) NOT NULL,
  payload_revision VARCHAR(255),
  payload BYTEA NOT NULL,
  meta_data BYTEA,
  type VARCHAR(255),
  aggregate_identifier VARCHAR(255),
  sequence_number BIGINT,
  token_type VARCHAR(255),
  token BYTEA,
  enqueued_at VARCHAR(255) NOT NULL,
  last_touched VARCHAR(255),
  processing_started VARCHAR(255),
  cause_type VARCHAR(255),
  cause_message TEXT,
  diagnostics BYTEA,
  CONSTRAINT pk_dead_letter_entry PRIMARY KEY (dead_letter_id),
  CONSTRAINT uk_dead_letter_entry_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX idx_dead_letter_entry_processing_group ON dead_letter_entry(processing_group);
CREATE INDEX idx_dead_letter_entry_sequence ON dead_letter_entry(processing_group, sequence_identifier);

-- The last rebuild of each projection, for the status route of every instance. Only one rebuild runs at a time
-- in the whole deployment: the instance running it holds a PostgreSQL advisory lock for its whole duration (a row
-- saying RUNNING without that lock held is a rebuild whose instance went away). The shadow table
-- (journeys_rebuild) is created by the rebuild itself, LIKE journeys INCLUDING ALL, so it always has the live
-- table's current columns, defaults, constraints and indexes.
CREATE TABLE projection_rebuild (
  projection VARCHAR(255) NOT NULL PRIMARY KEY,
  state VARCHAR(32) NOT NULL,
  phase VARCHAR(32),
  started_at TIMESTAMPTZ NOT NULL,
  started_by VARCHAR(255),
  instance VARCHAR(255),
  finished_at TIMESTAMPTZ,
  events_done BIGINT,
  events_total BIGINT,
  error TEXT
);
