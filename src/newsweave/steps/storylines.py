"""Storylines: stories linked over time by the entities and topic they share.

A storyline (the back-channel talks of 2023, the Alaska summit, the Miami rounds) is a connected group
of stories: two stories are linked when their centroids are similar (same topic) and a good share of
one's entities, weighted by rarity and by how many of its articles name them, appear in the other,
with no limit on the time between them. "Russia" links little and "Kirill Dmitriev" a lot. Linking
is symmetric and the groups are connected components, so the result does not depend on story order;
a storyline is named after its oldest story id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet

import numpy as np

from newsweave.model import Story
from newsweave.steps.story_model import StoryModel

#: A story's most characteristic entities, by which linked stories are looked up (all count in the share).
LINK_KEYS = 10
#: An entity named by more stories than this is too common to find linked stories by.
MAX_POSTINGS = 300


def _unit(story: Story) -> np.ndarray | None:
    if not story.centroid:
        return None
    vector = np.frombuffer(story.centroid, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else None


def storylines(
    stories: dict[str, Story],
    model: StoryModel,
    postings: Mapping[str, AbstractSet[str]],
    idf: Callable[[str], float],
    touched: AbstractSet[str] | None = None,
) -> dict[str, str]:
    """story id -> storyline id for every story.

    ``postings`` maps an entity to the stories naming it and ``idf`` weighs an entity by rarity (the
    story index keeps both up to date). With ``touched``, only links from those stories are looked for
    and the storylines the stories already have are kept (an ingest run extends storylines; it does not
    re-derive the whole history), so the cost follows the run, not the store.
    """
    memo: dict[str, dict[str, float]] = {}

    def weights(story_id: str) -> dict[str, float]:
        if story_id not in memo:
            story = stories[story_id]
            memo[story_id] = {e: idf(e) * c / max(story.size, 1) for e, c in story.entities.items()}
        return memo[story_id]

    parent = {s: s for s in stories}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)

    if touched is not None:
        first_of: dict[str, str] = {}
        for story in stories.values():
            if story.storyline_id:
                union(story.id, first_of.setdefault(story.storyline_id, story.id))

    def share(a: dict[str, float], b: dict[str, float]) -> float:
        total = sum(a.values())
        return sum(w for e, w in a.items() if e in b) / total if total else 0.0

    for story_id in sorted(touched if touched is not None else parent):
        if story_id not in parent:
            continue
        mine = weights(story_id)
        keys = sorted(mine, key=lambda e: (-mine[e], e))[:LINK_KEYS]
        near: set[str] = set()
        for entity in keys:
            named = postings.get(entity, ())
            if len(named) <= MAX_POSTINGS:
                near.update(named)
        unit = _unit(stories[story_id])
        for other in sorted(near):
            if other == story_id or other not in parent or find(other) == find(story_id):
                continue
            theirs = _unit(stories[other])
            cosine = (
                float(unit @ theirs) if unit is not None and theirs is not None and unit.shape == theirs.shape else 0.0
            )
            if cosine < model.line_cosine:
                continue
            if max(share(mine, weights(other)), share(weights(other), mine)) >= model.line_entities:
                union(story_id, other)
    groups: dict[str, list[Story]] = {}
    for story in stories.values():
        groups.setdefault(find(story.id), []).append(story)
    out: dict[str, str] = {}
    for members in groups.values():
        oldest = min(members, key=lambda s: (s.first or "9999", s.id))
        for story in members:
            out[story.id] = "l" + oldest.id[1:]
    return out
