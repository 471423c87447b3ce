-- A version of each authority's figures, changed in the same transaction
-- as any change to them, so that a build can keep the figures it read last
-- time and read again only the authorities whose version moved. Versions
-- are random: a database deleted and made again cannot repeat one.
CREATE TABLE figure_versions (
    authority TEXT PRIMARY KEY,
    version   TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO figure_versions (authority, version)
    SELECT authority, lower(hex(randomblob(16))) FROM (SELECT DISTINCT authority FROM figures);
