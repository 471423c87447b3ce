-- A sum of the digests of each authority's saved facts, kept with them,
-- so that a build compares its facts with what is held authority by
-- authority and reads back the digests of only the authorities whose
-- facts changed. Empty at first: the first build after this reads all.
CREATE TABLE output_sums (
    tbl    TEXT NOT NULL,
    grp    TEXT NOT NULL,
    n_rows INTEGER NOT NULL,
    total  INTEGER NOT NULL,
    PRIMARY KEY (tbl, grp)
) WITHOUT ROWID;
CREATE INDEX build_facts_authority ON build_facts(authority);
