-- A reply may give several series of the same figures (one table per
-- platform, say): the series a figure belongs to, "" when there is one.
ALTER TABLE figures ADD COLUMN series TEXT NOT NULL DEFAULT '';
