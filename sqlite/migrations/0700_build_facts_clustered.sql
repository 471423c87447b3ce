-- The facts of the last build kept in one b-tree, by id: a build of many
-- facts writes each row once instead of into a table and its key index.
CREATE TABLE build_facts_new (
    id           TEXT PRIMARY KEY,
    authority    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    measure      TEXT NOT NULL DEFAULT '',
    period_start TEXT NOT NULL DEFAULT '',
    period_end   TEXT NOT NULL DEFAULT '',
    base_start   TEXT NOT NULL DEFAULT '',
    base_end     TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    label        TEXT NOT NULL DEFAULT '',
    value        REAL NOT NULL,
    words        TEXT NOT NULL DEFAULT '',
    of_count     INTEGER,
    formula      TEXT NOT NULL DEFAULT '',
    inputs       TEXT NOT NULL DEFAULT '',
    caveats      TEXT NOT NULL DEFAULT '',
    digest       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO build_facts_new SELECT id, authority, kind, measure, period_start, period_end, base_start, base_end,
    category, label, value, words, of_count, formula, inputs, caveats, digest FROM build_facts;
DROP VIEW facts;
DROP TABLE build_facts;
ALTER TABLE build_facts_new RENAME TO build_facts;
CREATE VIEW facts AS
SELECT coalesce(a.name, CASE WHEN b.authority = 'national' THEN 'All forces' ELSE b.authority END) AS force,
       b.kind, b.measure,
       CASE WHEN b.period_start = '' THEN '' ELSE b.period_start || ' to ' || b.period_end END AS period,
       CASE WHEN b.base_start = '' THEN '' ELSE b.base_start || ' to ' || b.base_end END AS compared_with,
       b.category, b.label, b.value, b.words, b.of_count, b.formula, b.caveats, b.id, b.authority AS authority_id
FROM build_facts b LEFT JOIN authority_names a ON a.id = b.authority;
