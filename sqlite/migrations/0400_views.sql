-- What the last build made, kept so that the file opened in sqlite3 or
-- Datasette reads without foiwire: the authorities' names, the facts and
-- the stories.
CREATE TABLE authority_names (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE build_facts (
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
    caveats      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE build_stories (
    authority TEXT PRIMARY KEY,
    headline  TEXT NOT NULL DEFAULT '',
    text      TEXT NOT NULL DEFAULT '',
    written   INTEGER NOT NULL DEFAULT 0,
    refusal   TEXT NOT NULL DEFAULT '',
    dir       TEXT NOT NULL DEFAULT ''
);

-- Every figure with its force's name and where it was read, in words.
CREATE VIEW figures_readable AS
SELECT coalesce(a.name, f.authority) AS force,
       f.question AS question,
       CASE WHEN f.period_start = '' THEN '' ELSE f.period_start || ' to ' || f.period_end END AS period,
       f.label AS label,
       f.category AS category,
       CASE WHEN f.status = 'ok' THEN CAST(f.value AS TEXT) ELSE f.status END AS value,
       f.confidence AS confidence,
       f.reason AS reason,
       f.file || ', table ' || (f.tbl + 1) || ', row ' || (f.row + 1) || ', column ' || (f.col + 1) AS where_read,
       f.text AS cell_text,
       f.authority AS authority_id
FROM figures f LEFT JOIN authority_names a ON a.id = f.authority;

CREATE VIEW facts AS
SELECT coalesce(a.name, CASE WHEN b.authority = 'national' THEN 'All forces' ELSE b.authority END) AS force,
       b.kind, b.measure,
       CASE WHEN b.period_start = '' THEN '' ELSE b.period_start || ' to ' || b.period_end END AS period,
       CASE WHEN b.base_start = '' THEN '' ELSE b.base_start || ' to ' || b.base_end END AS compared_with,
       b.category, b.label, b.value, b.words, b.of_count, b.formula, b.caveats, b.id, b.authority AS authority_id
FROM build_facts b LEFT JOIN authority_names a ON a.id = b.authority;

CREATE VIEW stories AS
SELECT coalesce(a.name, s.authority) AS force, s.headline,
       CASE WHEN s.written = 1 THEN 'written' ELSE 'refused' END AS state,
       s.refusal, s.text, s.dir, s.authority AS authority_id
FROM build_stories s LEFT JOIN authority_names a ON a.id = s.authority;
