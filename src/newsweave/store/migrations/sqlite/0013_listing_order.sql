-- Listings page through articles oldest first, undated last. Without an index in that order a page
-- deep in a large store sorted every article (1.5 s at 100,000); the partial index serves the default
-- listing (originals only), the other one listings that include copies. ANALYZE lets the planner see
-- that most articles are originals (it is re-run, sampled, after each ingest run).
CREATE INDEX articles_order_originals ON articles (published IS NULL, published, seq) WHERE duplicate_of IS NULL;
CREATE INDEX articles_order ON articles (published IS NULL, published, seq);
ANALYZE;
