-- Mentions of named entities, as JSON in the article row (written with the article, in one statement).
ALTER TABLE articles ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';
