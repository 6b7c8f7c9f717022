-- A story page shows its latest members. Sorting a story's members by the articles' dates meant reading
-- every member (382 ms for a 67,000-article story); the date copied here ('' when undated, so undated
-- sort last) lets the page read the latest ones straight from an index.
ALTER TABLE story_articles ADD COLUMN published TEXT NOT NULL DEFAULT '';
UPDATE story_articles SET published = COALESCE((SELECT a.published FROM articles a WHERE a.id = story_articles.article_id), '');
CREATE INDEX story_articles_latest ON story_articles (story_id, published DESC, article_id);
