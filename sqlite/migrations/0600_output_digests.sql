-- A digest of each saved fact and story row, so that a build rewrites only
-- the rows that changed since the last one. Rows from before have none (0)
-- and are rewritten once.
ALTER TABLE build_facts ADD COLUMN digest INTEGER NOT NULL DEFAULT 0;
ALTER TABLE build_stories ADD COLUMN digest INTEGER NOT NULL DEFAULT 0;
