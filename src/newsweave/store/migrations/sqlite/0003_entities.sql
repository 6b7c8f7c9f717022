-- Entities resolved across articles and languages, and an index from entity to its mentions.
CREATE TABLE entities (
    id        TEXT PRIMARY KEY,
    label     TEXT NOT NULL,
    name      TEXT NOT NULL,
    key       TEXT NOT NULL,
    forms     TEXT NOT NULL DEFAULT '{}',
    surfaces  TEXT NOT NULL DEFAULT '{}',
    mentions  INTEGER NOT NULL DEFAULT 0,
    articles  INTEGER NOT NULL DEFAULT 0,
    media     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_label_key ON entities(label, key);

CREATE TABLE entity_mentions (
    entity_id  TEXT NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    article_id TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    PRIMARY KEY (article_id, start, end)
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
