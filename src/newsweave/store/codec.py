"""Article <-> flat row, shared by every backend so they store exactly the same thing.

Paragraphs, removals and metadata are JSON columns: they are always read with their article, and
keeping them in its row makes an article one write, which is what makes it impossible to half-write.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from newsweave.model import (
    Article,
    Citation,
    Entity,
    Event,
    EventMention,
    Mention,
    Paragraph,
    Published,
    Quote,
    Removal,
    TimeExpr,
)

COLUMNS = (
    "id",
    "source",
    "format",
    "url",
    "outlet",
    "title",
    "byline",
    "published",
    "published_precision",
    "published_method",
    "published_text",
    "language",
    "language_confidence",
    "mixed_language",
    "text",
    "raw",
    "paragraphs",
    "removals",
    "mentions",
    "times",
    "events",
    "quotes",
    "citations",
    "metadata",
    "duplicate_of",
    "duplicate_similarity",
    "minhash",
    "raw_hash",
)


def _shallow(item: Any) -> dict[str, Any]:
    """A fact's fields as a dict, for JSON. ``dataclasses.asdict`` deep-copies every value on the way,
    a third of an article's encoding; these facts hold only numbers, strings and tuples of them."""
    names = _FIELD_NAMES.get(type(item))
    if names is None:
        names = _FIELD_NAMES[type(item)] = tuple(f.name for f in fields(item))
    return {name: getattr(item, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def to_row(article: Article) -> dict[str, Any]:
    pub = article.published
    return {
        "id": article.id,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        "published": pub.value if pub else None,
        "published_precision": pub.precision if pub else None,
        "published_method": pub.method if pub else None,
        "published_text": pub.text if pub else None,
        "language": article.language,
        "language_confidence": article.language_confidence,
        "mixed_language": int(article.mixed_language),
        "text": article.text,
        "raw": article.raw,
        "paragraphs": _dumps([[p.start, p.end, p.kind, p.language, p.language_confidence] for p in article.paragraphs]),
        "removals": _dumps([[r.text, r.rule, r.reason, r.position, r.moved_to] for r in article.removals]),
        "mentions": _dumps(
            [
                [m.start, m.end, m.text, m.label, m.confidence, m.base, m.media, m.role, m.entity_id]
                for m in article.mentions
            ]
        ),
        "times": _dumps([_shallow(t) for t in article.times]),
        "events": _dumps([_shallow(e) for e in article.events]),
        "quotes": _dumps([_shallow(q) for q in article.quotes]),
        "citations": _dumps([_shallow(c) for c in article.citations]),
        "metadata": _dumps(article.metadata),
        "duplicate_of": article.duplicate_of,
        "duplicate_similarity": article.duplicate_similarity,
        "minhash": article.minhash,
        "raw_hash": article.raw_hash,
    }


def _pair(value: list[int] | None) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def _event(data: dict[str, Any]) -> EventMention:
    data["participants"] = [(int(a), int(b)) for a, b in data.get("participants", [])]
    data["place"] = _pair(data.get("place"))
    return EventMention(**data)


def _quote(data: dict[str, Any]) -> Quote:
    data["speaker"], data["via"] = _pair(data.get("speaker")), _pair(data.get("via"))
    return Quote(**data)


def from_row(row: dict[str, Any]) -> Article:
    published = None
    if row.get("published"):
        published = Published(
            row["published"], row["published_precision"], row["published_method"], row.get("published_text") or ""
        )
    minhash = row.get("minhash")
    return Article(
        id=row["id"],
        source=row["source"],
        format=row["format"],
        raw=row["raw"],
        url=row.get("url"),
        outlet=row.get("outlet"),
        title=row.get("title"),
        byline=row.get("byline"),
        published=published,
        language=row.get("language"),
        language_confidence=row.get("language_confidence") or 0.0,
        mixed_language=bool(row.get("mixed_language")),
        text=row["text"],
        paragraphs=[Paragraph(*p) for p in json.loads(row["paragraphs"] or "[]")],
        removals=[Removal(*r) for r in json.loads(row["removals"] or "[]")],
        mentions=[Mention(*m) for m in json.loads(row.get("mentions") or "[]")],
        times=[TimeExpr(**t) for t in json.loads(row.get("times") or "[]")],
        events=[_event(e) for e in json.loads(row.get("events") or "[]")],
        quotes=[_quote(q) for q in json.loads(row.get("quotes") or "[]")],
        citations=[Citation(**c) for c in json.loads(row.get("citations") or "[]")],
        metadata=json.loads(row["metadata"] or "{}"),
        duplicate_of=row.get("duplicate_of"),
        duplicate_similarity=row.get("duplicate_similarity"),
        minhash=bytes(minhash) if minhash is not None else None,
        raw_hash=row.get("raw_hash") or "",
    )


ENTITY_COLUMNS = (
    "id",
    "label",
    "name",
    "key",
    "forms",
    "surfaces",
    "mentions",
    "articles",
    "media",
    "roles",
    "context",
)


def entity_to_row(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "label": entity.label,
        "name": entity.name,
        "key": entity.key,
        "forms": _dumps(entity.forms),
        "surfaces": _dumps(entity.surfaces),
        "mentions": entity.mentions,
        "articles": entity.articles,
        "media": int(entity.media),
        "roles": _dumps(entity.roles),
        "context": _dumps(entity.context),
    }


def entity_from_row(row: dict[str, Any]) -> Entity:
    return Entity(
        id=row["id"],
        label=row["label"],
        name=row["name"],
        key=row["key"],
        forms=json.loads(row["forms"] or "{}"),
        surfaces=json.loads(row["surfaces"] or "{}"),
        mentions=int(row["mentions"]),
        articles=int(row["articles"]),
        media=bool(row["media"]),
        roles=json.loads(row.get("roles") or "[]"),
        context=json.loads(row.get("context") or "{}"),
    )


EVENT_COLUMNS = (
    "id",
    "type",
    "modality",
    "date",
    "date_until",
    "place_id",
    "participants",
    "reports",
    "articles",
    "dated_by",
)


def event_to_row(event: Event) -> dict[str, Any]:
    row = asdict(event)
    row["participants"] = _dumps(event.participants)
    return row


def event_from_row(row: dict[str, Any]) -> Event:
    return Event(**{**row, "participants": json.loads(row["participants"] or "[]")})
