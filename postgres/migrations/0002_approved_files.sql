-- The exact files of each story version an editor approved, so that a
-- download of an approved story holds the bytes approved and nothing a
-- later build wrote. Keyed by the story's version hash (story_reviews).
CREATE TABLE approved_story_files (
    authority TEXT NOT NULL,
    hash      TEXT NOT NULL,
    name      TEXT NOT NULL,
    data      BYTEA NOT NULL,
    PRIMARY KEY (authority, hash, name)
);
