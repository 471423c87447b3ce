-- What a person said about a figure: that it was read right (confirm) or
-- what it should be (correct). Keyed by the figure's key, which names where
-- it was read, so the correction survives the reply being read again. The
-- figure itself is never changed; every correction is kept, and the latest
-- for a key is the one that applies.
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    figure_key TEXT NOT NULL,
    authority  TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('confirm', 'correct')),
    value      INTEGER,
    status     TEXT NOT NULL,
    was        TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    by_user    TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX corrections_key ON corrections(figure_key, id);
CREATE INDEX corrections_authority ON corrections(authority);
