-- Articles: one row per distinct cleaned text. Lists (paragraphs, removals) and metadata are JSON.
CREATE TABLE articles (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    id                   TEXT NOT NULL UNIQUE,
    source               TEXT NOT NULL,
    format               TEXT NOT NULL,
    url                  TEXT,
    outlet               TEXT,
    title                TEXT,
    byline               TEXT,
    published            TEXT,
    published_precision  TEXT,
    published_method     TEXT,
    published_text       TEXT,
    language             TEXT,
    language_confidence  REAL NOT NULL DEFAULT 0,
    mixed_language       INTEGER NOT NULL DEFAULT 0,
    text                 TEXT NOT NULL,
    raw                  TEXT NOT NULL,
    paragraphs           TEXT NOT NULL DEFAULT '[]',
    removals             TEXT NOT NULL DEFAULT '[]',
    metadata             TEXT NOT NULL DEFAULT '{}',
    duplicate_of         TEXT REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
    duplicate_similarity REAL,
    minhash              BLOB,
    raw_hash             TEXT NOT NULL,
    ingested_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

-- Every input that produced an article: re-reading the same input adds nothing, a copy adds a source.
CREATE TABLE sources (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    raw_hash    TEXT NOT NULL,
    source      TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (raw_hash, source)
);
CREATE INDEX sources_article ON sources(article_id);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    targets     TEXT NOT NULL,
    added       INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    problems    INTEGER NOT NULL
);

CREATE TABLE problems (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id  INTEGER NOT NULL REFERENCES runs(id),
    source  TEXT NOT NULL,
    stage   TEXT NOT NULL,
    reason  TEXT NOT NULL
);
