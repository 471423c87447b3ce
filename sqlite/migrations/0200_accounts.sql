-- People who may use the editors' web app. Passwords are kept only as
-- bcrypt hashes; an editor may change things, a viewer may only look.
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Signed-in browsers. Only the SHA-256 of the cookie's token is kept, so a
-- copy of this file cannot be used to sign in. csrf is the per-session token
-- every form must carry back.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_name);

-- Read-only tokens for the JSON API, kept as SHA-256 hashes like sessions.
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    label      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
