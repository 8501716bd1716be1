-- Report aggregate rows may be deltas against the key's previous row (issue 14): `depth` counts the
-- deltas since the key's newest full row. Every row stored before is full rows: depth 0, read as before.
-- ADD COLUMN, not a table copy: an existing database migrates in place, whatever its size.
ALTER TABLE "SnapshotAggregate" ADD COLUMN "depth" INTEGER NOT NULL DEFAULT 0;
