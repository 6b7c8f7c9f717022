"""newsweave: multilingual news in, an analyst's picture out.

The public Python API is small on purpose::

    from newsweave import NewsWeave, load_settings
    with NewsWeave(load_settings(overrides={"db": "news.db"})) as nw:
        report = nw.ingest(["articles/"])
        for article in nw.articles():
            print(article.language, article.title)
"""

from newsweave.config import Settings, load_settings
from newsweave.model import Article, Evidence, IngestReport, Paragraph, Problem, Published, RawDoc, Removal
from newsweave.service import NewsWeave
from newsweave.store import ArticleQuery, open_store

__all__ = [
    "Article",
    "ArticleQuery",
    "Evidence",
    "IngestReport",
    "NewsWeave",
    "Paragraph",
    "Problem",
    "Published",
    "RawDoc",
    "Removal",
    "Settings",
    "load_settings",
    "open_store",
]
__version__ = "0.1.0"
