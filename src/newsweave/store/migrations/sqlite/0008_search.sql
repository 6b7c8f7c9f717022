-- Keyword search: each article's title and text as matching keys (folded, transliterated word keys,
-- see newsweave.search), so that a prefix query on "dmitrev" finds Dmitrijevs, Dmitrijewa and Дмитриева.
CREATE VIRTUAL TABLE search_text USING fts5(article_id UNINDEXED, title, body, tokenize = "unicode61 remove_diacritics 2");
