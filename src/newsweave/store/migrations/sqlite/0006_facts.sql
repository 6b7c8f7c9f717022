-- Facts found in each article (date expressions, event frames, quotes, citations), as JSON with offsets,
-- and the events merged across articles with the frames that report them.
ALTER TABLE articles ADD COLUMN times TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN events TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN quotes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN citations TEXT NOT NULL DEFAULT '[]';

CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    type          TEXT NOT NULL,
    modality      TEXT NOT NULL,
    date          TEXT,            -- ISO start of what the reports say, NULL when none gave a date
    date_until    TEXT,
    place_id      TEXT,            -- an entity id
    participants  TEXT NOT NULL,   -- JSON list of entity ids
    reports       INTEGER NOT NULL,
    articles      INTEGER NOT NULL,
    dated_by      TEXT             -- 'text' or 'published': where the date came from
);
CREATE INDEX events_place ON events (place_id);
CREATE INDEX events_date ON events (date);

CREATE TABLE event_mentions (
    event_id    TEXT NOT NULL REFERENCES events (id) DEFERRABLE INITIALLY DEFERRED,
    article_id  TEXT NOT NULL REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    start       INTEGER NOT NULL,  -- the supporting sentence
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (event_id, article_id, start)
);
CREATE INDEX event_mentions_article ON event_mentions (article_id);

CREATE TABLE event_participants (
    event_id   TEXT NOT NULL REFERENCES events (id) DEFERRABLE INITIALLY DEFERRED,
    entity_id  TEXT NOT NULL,
    PRIMARY KEY (event_id, entity_id)
);
CREATE INDEX event_participants_entity ON event_participants (entity_id);

-- Who cites whom: one row per outlet an article gives as its source (the outlet's entity once resolved).
CREATE TABLE citations (
    article_id  TEXT NOT NULL REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    outlet      TEXT NOT NULL,     -- the name as the article's language gives it in base form
    entity_id   TEXT,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (article_id, start)
);
CREATE INDEX citations_entity ON citations (entity_id);
