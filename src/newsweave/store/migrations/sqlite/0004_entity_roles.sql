-- Roles and titles given to an entity, each with its language, the article and its date.
ALTER TABLE entities ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
