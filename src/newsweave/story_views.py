"""What the service shows of stories and storylines: plain dicts that the CLI, API and UI all render.

Kept out of ``service.py`` so that the façade stays a list of entry points; these functions read the
store through it and add nothing of their own to the data.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from newsweave.embedding.base import configured, embedder
from newsweave.entities.tokens import fact_sentences
from newsweave.errors import NotFound
from newsweave.model import Article, Story
from newsweave.summaries import disagreements, summarise

if TYPE_CHECKING:
    from newsweave.service import NewsWeave

#: A story's page reads its latest articles only (the list, the summary, the disagreements and the
#: timeline): a story of thousands of articles would otherwise take seconds to show.
SHOWN_ARTICLES = 60
#: A storyline's timeline covers its latest stories, each by its latest articles (a years-long storyline
#: would otherwise load every article it has).
TIMELINE_STORIES = 20
STORYLINE_ARTICLES = 15
#: Languages whose title names a story when the reader's language is not given.
TITLE_ORDER = ("en", "de", "fr", "es")


def story_title(story: Story) -> str:
    for lang in (*TITLE_ORDER, *sorted(story.titles)):
        if lang in story.titles:
            return story.titles[lang]
    return "(untitled)"


def _names(nw: NewsWeave, counts: dict[str, int], limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entity_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
        try:
            entity = nw.store.get_entity(entity_id)
        except NotFound:
            continue
        out.append({"id": entity.id, "name": entity.name, "label": entity.label, "articles": n})
    return out


def story_row(nw: NewsWeave, story: Story, names: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A story in a listing; ``names``: its entities when the caller has looked them up already."""
    names = names if names is not None else _names(nw, story.entities, 5)
    return {
        "id": story.id,
        "title": story_title(story),
        "size": story.size,
        "first": story.first,
        "last": story.last,
        "languages": dict(sorted(story.languages.items())),
        "storyline_id": story.storyline_id,
        "entities": [e["name"] for e in names[:5]],
    }


def story_view(nw: NewsWeave, id_or_prefix: str) -> dict[str, Any]:
    """A story: titles per language, articles by language, entities, timeline, summary, disagreements."""
    story = nw.store.get_story(id_or_prefix)
    articles = [nw.store.get_article(a) for a in nw.store.story_members(story.id, SHOWN_ARTICLES)]
    originals = [a for a in articles if not a.duplicate_of]
    by_language: dict[str, list[dict[str, Any]]] = {}
    for a in sorted(articles, key=lambda a: (a.published.value if a.published else "", a.id)):
        by_language.setdefault(a.language or "und", []).append(
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published.value if a.published else None,
                "duplicate_of": a.duplicate_of,
            }
        )
    centroid = np.frombuffer(story.centroid, dtype=np.float32) if story.centroid else None
    summary = summarise(originals, embedder(configured(nw.settings)), centroid)
    names = _names(nw, story.entities, 25)
    return {
        **story_row(nw, story, names),
        "titles": story.titles,
        "articles": by_language,
        "members": nw.store.story_size(story.id),
        "shown": len(articles),
        "outlets": sorted({a.outlet for a in originals if a.outlet}),
        "entities": names,
        "timeline": _timeline(nw, story, originals),
        "summary": [s.as_dict() for s in summary],
        "disagreements": disagreements(originals),
    }


def _timeline(nw: NewsWeave, story: Story, articles: list[Article]) -> list[dict[str, Any]]:
    """The story's events, then each article's first report, in date order, with their sentences."""
    from newsweave.service import event_line, evidence

    cache = {a.id: a for a in articles}
    members = set(cache)
    lines: list[dict[str, Any]] = []
    in_story = set(story.events)
    names: dict[str, str | None] = {}
    for event_id in (e for e in nw.store.events_reported_in(sorted(members)) if e in in_story):
        try:
            event = nw.store.get_event(event_id)
        except NotFound:
            continue
        line = event_line(nw.store, event, cache, names)
        line["evidence"] = [e for e in line["evidence"] if e["article_id"] in members]
        lines.append(line)
    for a in articles:
        day = a.published.value[:10] if a.published else None
        for lead in fact_sentences(a.text)[:1]:
            lines.append(
                {
                    "kind": "report",
                    "date": day,
                    "until": day,
                    "outlet": a.outlet,
                    "title": a.title,
                    "evidence": [evidence(a, *lead)],
                }
            )
    lines.sort(key=lambda line: (line["date"] is None, line["date"] or "", line["kind"]))
    return lines


def storyline_view(nw: NewsWeave, storyline_id: str) -> dict[str, Any]:
    """A storyline: its stories in date order, titles per language, languages, outlets, entities, and the
    timeline of its latest stories (each line with its story id and sentences)."""
    stories = sorted(
        nw.store.list_stories(limit=10_000, storyline_id=storyline_id), key=lambda s: (s.first or "9999", s.id)
    )
    if not stories:
        raise NotFound(f"no storyline with id {storyline_id!r}")
    entities: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for story in stories:
        entities.update(story.entities)
        languages.update(story.languages)
        for lang, title in story.titles.items():
            titles.setdefault(lang, title)
    outlets: set[str] = set()
    timeline: list[dict[str, Any]] = []
    for story in stories[-TIMELINE_STORIES:]:
        members = [nw.store.get_article(i) for i in nw.store.story_members(story.id, STORYLINE_ARTICLES)]
        outlets.update(a.outlet for a in members if a.outlet)
        for line in _timeline(nw, story, [a for a in members if not a.duplicate_of]):
            timeline.append({**line, "story_id": story.id})
    timeline.sort(key=lambda line: (line["date"] is None, line["date"] or "", line["kind"]))
    return {
        "id": storyline_id,
        "titles": titles,
        "first": stories[0].first,
        "last": max((s.last for s in stories if s.last), default=None),
        "languages": dict(sorted(languages.items())),
        "outlets": sorted(outlets),
        "entities": _names(nw, dict(entities), 25),
        "stories": [story_row(nw, s) for s in stories],
        "timeline": timeline,
    }
