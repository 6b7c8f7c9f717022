-- Stories changed since the last end-of-run pass (splitting misfits, extending storylines). Kept in the
-- store, in the transaction that changes the story, so a run killed before its end leaves the next run
-- the work it did not do.
ALTER TABLE stories ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_pending ON stories (pending) WHERE pending = 1;
