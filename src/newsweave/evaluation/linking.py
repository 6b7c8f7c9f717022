"""Entity-linking quality with LEA (Moosavi & Strube, ACL 2016), as in the BSNLP shared tasks.

LEA weighs each entity by its size and asks how many of its coreference links the other side kept:
recall = Σ_k |k| · Σ_r link(k∩r) / link(k) / Σ_k |k| over gold entities k and system entities r, with
link(e) = |e|(|e|-1)/2 and a singleton's self-link counted as 1; precision swaps the roles. Mentions are
identified by document and span, so a mention the system did not find is simply absent from its side.

Three levels: ``document`` (entities within each document), ``language`` (across the documents of one
language) and ``crosslingual`` (across everything). The system side is newsweave's own resolver, run
over an in-memory store exactly as during ingest.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from newsweave.entities.corpus import Doc
from newsweave.entities.demonyms import Demonyms
from newsweave.model import Article, Mention
from newsweave.steps.resolve import EntityResolver
from newsweave.store import open_store

MentionId = tuple[str, int, int]


def _link(n: int) -> float:
    return n * (n - 1) / 2 if n > 1 else 1.0


def _side(key: list[set[MentionId]], response: list[set[MentionId]]) -> float:
    where: dict[MentionId, int] = {}
    for i, r in enumerate(response):
        for m in r:
            where[m] = i
    total_weight = sum(len(k) for k in key)
    if not total_weight:
        return 0.0
    score = 0.0
    for k in key:
        overlap: dict[int, int] = defaultdict(int)
        for m in k:
            if m in where:
                overlap[where[m]] += 1
        if len(k) == 1:
            (m,) = tuple(k)
            resolved = 1.0 if m in where and len(response[where[m]]) == 1 else 0.0
        else:
            resolved = sum(n * (n - 1) / 2 for n in overlap.values()) / _link(len(k))
        score += len(k) * resolved
    return score / total_weight


def lea(key: list[set[MentionId]], response: list[set[MentionId]]) -> dict[str, float]:
    r, p = _side(key, response), _side(response, key)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _clusters(items: Iterable[tuple[str, MentionId]]) -> list[set[MentionId]]:
    groups: dict[str, set[MentionId]] = defaultdict(set)
    for cluster, mention in items:
        groups[cluster].add(mention)
    return list(groups.values())


def system_links(
    docs: list[Doc], recognise: Callable[[Doc], list[Mention]], demonyms: Demonyms | None = None
) -> dict[str, list[Mention]]:
    """Recognise and resolve every document with newsweave's resolver; mentions carry entity ids."""
    store = open_store(":memory:")
    resolver = EntityResolver(store, demonyms)
    ids = {doc.id: hashlib.sha1(doc.id.encode()).hexdigest()[:16] for doc in docs}
    for doc in docs:
        aid = ids[doc.id]
        article = Article(
            source=doc.id, raw="", id=aid, text=doc.text, language=doc.lang, raw_hash=aid, mentions=recognise(doc)
        )
        with store.transaction():
            resolver.resolve(article)
            store.put_article(article)
            store.add_source(aid, doc.id, aid)
    # Entities merged after a document was resolved were re-pointed in the store: read them all back.
    out = {doc.id: store.get_article(ids[doc.id]).mentions for doc in docs}
    store.close()
    return out


def evaluate_linking(
    docs: Iterable[Doc], recognise: Callable[[Doc], list[Mention]], demonyms: Demonyms | None = None
) -> dict[str, Any]:
    docs = [d for d in docs if any(s.link_id for s in d.spans)]
    if not docs:
        return {"documents": 0}
    system = system_links(docs, recognise, demonyms)
    levels: dict[str, Callable[[Doc], str]] = {
        "document": lambda d: d.id,
        "language": lambda d: d.lang,
        "crosslingual": lambda d: "",
    }
    result: dict[str, Any] = {"documents": len(docs)}
    for level, scope in levels.items():
        gold = _clusters(
            (f"{scope(d)}|{s.link_id}", (d.id, s.start, s.end)) for d in docs for s in d.spans if s.link_id
        )
        resp = _clusters(
            (f"{scope(d)}|{m.entity_id}", (d.id, m.start, m.end)) for d in docs for m in system[d.id] if m.entity_id
        )
        result[level] = lea(gold, resp)
    return result
