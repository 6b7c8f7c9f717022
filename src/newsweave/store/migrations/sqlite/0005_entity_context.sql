-- Co-occurring entities per entity (article counts): the context that keeps namesakes apart.
ALTER TABLE entities ADD COLUMN context TEXT NOT NULL DEFAULT '{}';
