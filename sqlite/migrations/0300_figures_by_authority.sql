-- Figures belong to an authority's document, not to the document alone:
-- identical bytes filed by two authorities keep both authorities' figures.
CREATE TABLE figures_new (
    id             INTEGER PRIMARY KEY,
    document       TEXT NOT NULL,
    part           TEXT NOT NULL DEFAULT '',
    tbl            INTEGER NOT NULL,
    row            INTEGER NOT NULL,
    col            INTEGER NOT NULL,
    measure        TEXT NOT NULL,
    authority      TEXT NOT NULL,
    question       TEXT NOT NULL DEFAULT '',
    period_start   TEXT NOT NULL DEFAULT '',
    period_end     TEXT NOT NULL DEFAULT '',
    label          TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    value          INTEGER,
    status         TEXT NOT NULL,
    is_total       INTEGER NOT NULL DEFAULT 0,
    confidence     TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    authority_from TEXT NOT NULL DEFAULT '',
    file           TEXT NOT NULL DEFAULT '',
    text           TEXT NOT NULL DEFAULT '',
    UNIQUE (authority, document, tbl, row, col, measure)
);
INSERT INTO figures_new SELECT * FROM figures;
DROP TABLE figures;
ALTER TABLE figures_new RENAME TO figures;
CREATE INDEX figures_document ON figures(document);

-- Reply files taken out of the campaign, and how many figures went with them.
CREATE TABLE withdrawals (
    id        INTEGER PRIMARY KEY,
    authority TEXT NOT NULL,
    name      TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    figures   INTEGER NOT NULL,
    why       TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
);

-- Each correction's place in its figure's history: two editors correcting
-- the same figure from the same version cannot both be stored.
ALTER TABLE corrections ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
UPDATE corrections SET version = (SELECT count(*) FROM corrections c
    WHERE c.authority = corrections.authority AND c.figure_key = corrections.figure_key AND c.id <= corrections.id);
CREATE UNIQUE INDEX corrections_version ON corrections(authority, figure_key, version);

-- Each story review's version, for the same reason.
ALTER TABLE story_reviews ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
