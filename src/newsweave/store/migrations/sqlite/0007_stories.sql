-- Article embeddings (cached: computed once per article and model) and stories with their members.
CREATE TABLE embeddings (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    model       TEXT NOT NULL,
    vector      BLOB NOT NULL      -- float32, unit length
);

CREATE TABLE stories (
    id            TEXT PRIMARY KEY,
    size          INTEGER NOT NULL,
    first         TEXT,
    last          TEXT,
    languages     TEXT NOT NULL,   -- JSON {lang: articles}
    entities      TEXT NOT NULL,   -- JSON {entity id: articles naming it}
    events        TEXT NOT NULL,   -- JSON list of event ids
    titles        TEXT NOT NULL,   -- JSON {lang: title}
    centroid      BLOB NOT NULL,   -- float32 sum of member embeddings
    storyline_id  TEXT
);
CREATE INDEX stories_storyline ON stories (storyline_id);
CREATE INDEX stories_last ON stories (last);

CREATE TABLE story_articles (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    story_id    TEXT NOT NULL,
    score       REAL               -- the join score, NULL for the article that started the story
);
CREATE INDEX story_articles_story ON story_articles (story_id);
