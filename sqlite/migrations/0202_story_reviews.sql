-- An editor's decisions about a force's story: who approved which version
-- (by the SHA-256 of its text, so an approval lapses when the story
-- changes) and when it may be published.
CREATE TABLE story_reviews (
    authority     TEXT PRIMARY KEY,
    approved_hash TEXT NOT NULL DEFAULT '',
    approved_by   TEXT NOT NULL DEFAULT '',
    approved_at   TEXT NOT NULL DEFAULT '',
    embargo       TEXT NOT NULL DEFAULT '',
    embargo_by    TEXT NOT NULL DEFAULT '',
    embargo_at    TEXT NOT NULL DEFAULT ''
);
