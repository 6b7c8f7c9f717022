"""Splitting: members that no longer fit their story leave it, and find another or start their own.

Online clustering decides when an article arrives; later articles move a story's centroid and
entities, and an early member may no longer belong (an article about the ferry accident that joined
a story about the floods of the same week, before the floods story had its own names). After each
ingest run the stories that changed are checked: each original member is scored against its story
without itself, with the same model that joined it, and one scoring below ``SPLIT_FACTOR`` × the join
threshold (a margin, so that borderline members do not move back and forth) leaves. The story is
rebuilt from the members that stay; those that left are assigned again like new articles.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsweave.model import Article, Story
from newsweave.steps.stories import StoryIndex, _events, day_of, entity_ids
from newsweave.steps.story_model import features
from newsweave.steps.storylines import storylines

#: A member leaves when its score falls below this share of the join threshold.
SPLIT_FACTOR = 0.6
#: Stories this small have no centre to drift from; stories this large are checked only by a full
#: re-clustering (loading every member of a large story after each run would cost more than it finds).
MIN_SIZE, MAX_SIZE = 3, 100


def split_misfits(index: StoryIndex, story_ids: set[str], embedding_model: str) -> int:
    """Check these stories; return how many articles left their story."""
    moved = 0
    for story_id in sorted(story_ids):
        story = index.stories.get(story_id)
        if story is None or not MIN_SIZE <= story.size <= MAX_SIZE:
            continue
        members = [index.store.get_article(a) for a in index.store.story_members(story_id)]
        vectors = index.store.embeddings([a.id for a in members], embedding_model)
        for article in members:
            article.embedding = vectors.get(article.id)
        originals = [a for a in members if not a.duplicate_of]
        fit = _LeaveOneOut(index, story, originals)
        misfits = [a for a in originals if fit.score(a) < SPLIT_FACTOR * index.model.threshold]
        if not misfits or len(misfits) == len(originals):
            continue
        leaving = {a.id for a in misfits}
        _rebuild(index, story, [a for a in originals if a.id not in leaving])
        for article in misfits:
            home = index.assign(article)
            for copy in members:  # a copy goes where its original goes
                if copy.duplicate_of == article.id:
                    index.store.set_story_of(copy.id, home, None)
            moved += 1
    return moved


def rebuild_after_delete(index: StoryIndex, story_id: str, embedding_model: str) -> None:
    """A story whose members were deleted, again from the members that remain (its titles, entities
    and centroid no longer carry anything of the deleted ones), or gone when none remain."""
    story = index.stories.get(story_id)
    if story is None:
        return
    members = [index.store.get_article(a) for a in index.store.story_members(story_id)]
    vectors = index.store.embeddings([a.id for a in members], embedding_model)
    for article in members:
        article.embedding = vectors.get(article.id)
    originals = [a for a in members if not a.duplicate_of]
    if originals:
        _rebuild(index, story, originals)
        return
    _withdraw(index, story)
    index.store.delete_story(story_id)


class _LeaveOneOut:
    """Scores each member against its story without it. The story's totals (entity counts, events,
    dates) are counted once and the member's own share subtracted, so checking a story is linear in its
    size, not quadratic."""

    def __init__(self, index: StoryIndex, story: Story, originals: list[Article]) -> None:
        self.index = index
        self.total = index.sums.get(story.id)
        self.size = len(originals)
        self.named: Counter[str] = Counter()
        self.events: Counter[str] = Counter()
        self.days: Counter[int] = Counter()
        for article in originals:
            self.named.update(entity_ids(article))
            self.events.update(_events(article))
            day = day_of(article)
            if day is not None:
                self.days[day] += 1

    def score(self, member: Article) -> float:
        others = self.size - 1
        vector = np.frombuffer(member.embedding, dtype=np.float32) if member.embedding is not None else None
        cosine = 0.0
        if self.total is not None and vector is not None and vector.shape == self.total.shape:
            rest = self.total - vector
            norm = float(np.linalg.norm(rest))
            cosine = float(rest @ vector) / norm if norm else 0.0
        mine = {e: self.index.idf(e) for e in entity_ids(member)}
        weight = sum(mine.values())
        share = sum(w * (self.named[e] - 1) for e, w in mine.items()) / (weight * others) if weight and others else 0.0
        shared_event = any(self.events[e] > 1 for e in _events(member))
        day = day_of(member)
        other_days = [d for d, n in self.days.items() if n > (1 if d == day else 0)]
        days = max(0, min(other_days) - day, day - max(other_days)) if other_days and day is not None else None
        return self.index.model.probability(features(cosine, share, shared_event, days))


def _withdraw(index: StoryIndex, story: Story) -> None:
    """Take the story out of the index, its share of the entity counts and of the articles with it."""
    for entity, count in story.entities.items():
        index.df[entity] -= count
    index.articles -= story.size
    index.forget(story.id)


def _rebuild(index: StoryIndex, story: Story, keep: list[Article]) -> None:
    """The story again from ``keep`` alone (same id), its share of the entity counts taken back first."""
    _withdraw(index, story)
    fresh = Story(id=story.id, storyline_id=story.storyline_id)
    for article in keep:
        index.join_into(fresh, article)
    index.save(fresh)


def after_run(index: StoryIndex, embedding_model: str) -> None:
    """What ends every ingest run: split off misfits, then extend storylines from the changed stories."""
    store = index.store
    touched = index.take_touched()
    with store.transaction():
        split_misfits(index, touched, embedding_model)
        index.flush()  # the stories as rows before their storylines and pending marks are set on them
        touched |= index.take_touched()
        mapping = storylines(index.stories, index.model, index.by_entity, index.idf, touched)
        changed = {s: line for s, line in mapping.items() if index.stories[s].storyline_id != line}
        store.set_storylines(changed)
        store.clear_pending_stories()
    for story_id, line in changed.items():
        index.stories[story_id].storyline_id = line
