-- How many of a rebuild's events its bulk catch-up folded (ADR 0010), the rest went through the shadow processor one
-- batch at a time. An operator reads it to tell a rebuild that took the fast path from one that could not (the
-- catch-up switched off, or dead letters); NULL for rebuilds recorded before this column.
ALTER TABLE projection_rebuild ADD COLUMN events_in_bulk BIGINT;
