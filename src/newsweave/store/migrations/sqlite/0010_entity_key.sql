-- Entities by their matching key alone (search asks "is this query the name of an entity?").
CREATE INDEX entities_key ON entities (key);
