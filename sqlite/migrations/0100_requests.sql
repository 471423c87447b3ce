-- One request per authority: the campaign's request as sent to it, where
-- it stands, and its dates (ISO days, '' when not yet known).
CREATE TABLE requests (
    reference   TEXT PRIMARY KEY,
    campaign    TEXT NOT NULL DEFAULT '',
    authority   TEXT NOT NULL UNIQUE,
    to_addr     TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    message_id  TEXT NOT NULL UNIQUE,
    sent        TEXT NOT NULL DEFAULT '',
    received    TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL,
    exemptions  TEXT NOT NULL DEFAULT '' -- comma-separated: 's12,s40(2)'
);

-- What happened to each request, in order.
CREATE TABLE request_events (
    reference  TEXT NOT NULL REFERENCES requests(reference) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (reference, seq)
);
