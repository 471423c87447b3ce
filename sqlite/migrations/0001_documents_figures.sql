-- Replies as received, stored once by the SHA-256 of their bytes.
CREATE TABLE documents (
    sha256      TEXT PRIMARY KEY,
    media_type  TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    first_seen  TEXT NOT NULL
);

-- Where a document arrived: one reply file of one authority. The same bytes
-- sent twice (or by two forces) are one document with two arrivals.
CREATE TABLE arrivals (
    authority   TEXT NOT NULL,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES documents(sha256),
    received_at TEXT NOT NULL,
    PRIMARY KEY (authority, name)
);

-- Figures read from documents. Their natural key is where they were read, so
-- reading a document again updates rather than adds.
CREATE TABLE figures (
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
    UNIQUE (document, tbl, row, col, measure)
);
CREATE INDEX figures_authority ON figures(authority);

-- What could not be read at all, per reply file, so a person sees it.
CREATE TABLE problems (
    authority TEXT NOT NULL,
    name      TEXT NOT NULL,
    message   TEXT NOT NULL,
    PRIMARY KEY (authority, name)
);
