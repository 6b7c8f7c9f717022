"""Online story clustering: each new article joins the story it best fits, or starts one.

The design follows Miranda et al. (EMNLP 2018, "Multilingual Clustering of Streaming News"): score the
article against a few candidate stories with a small learned model over similarity features, join the
best if its score clears a threshold, else start a story. The features here are the ones newsweave
knows across languages: embedding cosine to the story centroid, the share of the article's resolved
entities the story also names (weighted by rarity), a shared merged event, and the days between the
article and the story. Weights and threshold are learned from gold clusters (``newsweave train
stories``) and shipped in ``models/stories.json``.

Candidates come from stories active within ``window_days`` of the article (by centroid similarity) and
stories naming its rarer entities, so the cost per article does not grow with the stream. Copies found
by dedup join their original's story and count once. A new article that fits two stories that also fit
each other merges them; after each ingest run ``story_split`` splits off members that no longer fit.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from datetime import date

import numpy as np

from newsweave.model import Article, Story
from newsweave.steps.story_model import FEATURES, StoryModel, features
from newsweave.store.base import Store

FEATURE_DAYS = FEATURES.index("log_days")
#: Entities a story keeps (the most named); see ``_add``.
KEPT_ENTITIES = 300
#: Candidate stories scored per article from the centroid search.
TOP_K = 8
#: An article's rarest entities, by which candidate stories are looked up ...
ENTITY_KEYS = 5
#: ... unless one is named by more stories than this: too common to find candidates by.
MAX_POSTINGS = 100


def day_of(article: Article) -> int | None:
    if article.published is None:
        return None
    try:
        return date.fromisoformat(article.published.value[:10]).toordinal()
    except ValueError:
        return None


def _iso(day: int | None) -> str | None:
    return None if day is None else date.fromordinal(day).isoformat()


def _ordinal(iso: str | None) -> int | None:
    return None if iso is None else date.fromisoformat(iso[:10]).toordinal()


def entity_ids(article: Article) -> set[str]:
    return {m.entity_id for m in article.mentions if m.entity_id}


def vector_of(article: Article, dims: int) -> np.ndarray | None:
    """The article's vector, unless the index holds vectors of another size (another embedder)."""
    if article.embedding is None:
        return None
    vector = np.frombuffer(article.embedding, dtype=np.float32)
    return vector if not dims or vector.shape[0] == dims else None


def _top_rows(sims: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` best finite rows, best first, ties in row order: what a stable sort of every row gives,
    at the cost of a partition (a full sort per article grew with the number of stories)."""
    finite = np.flatnonzero(sims > -np.inf)
    if finite.size > k:
        kth = np.partition(sims[finite], finite.size - k)[finite.size - k]
        finite = finite[sims[finite] >= kth]
    return finite[np.argsort(-sims[finite], kind="stable")][:k]


class StoryIndex:
    """The stories and what finds them: centroid rows, an entity index, entity document frequencies."""

    def __init__(self, store: Store, model: StoryModel | None = None) -> None:
        self.store = store
        self.model = model or StoryModel.load()
        self.stories: dict[str, Story] = {}
        self.sums: dict[str, np.ndarray] = {}
        self.by_entity: dict[str, set[str]] = {}
        self.df: Counter[str] = Counter()
        self.articles = 0
        self.dims = 0
        self._rows: dict[str, int] = {}
        self._ids: list[str] = []
        self._mat = np.zeros((0, 0), dtype=np.float32)
        self._first = np.zeros(0, dtype=np.int64)
        self._last = np.zeros(0, dtype=np.int64)
        self._touched: set[str] = set()
        self._unsaved: set[str] = set()  # saved stories not yet written (see save)
        self._load()
        self._touched = self.store.pending_stories()  # left by a run that ended before its end-of-run pass

    # -- the index -------------------------------------------------------------------------------
    def _load(self) -> None:
        for story in self.store.all_stories():
            self._remember(story)
            self.articles += story.size
            for entity, count in story.entities.items():
                self.df[entity] += count

    def _remember(self, story: Story) -> None:
        self.stories[story.id] = story
        total = np.frombuffer(story.centroid, dtype=np.float32).copy() if story.centroid else None
        if total is not None and total.size:
            self.dims = self.dims or total.shape[0]
            self.sums[story.id] = total
        for entity in story.entities:
            self.by_entity.setdefault(entity, set()).add(story.id)
        self._place(story)

    def _place(self, story: Story) -> None:
        total = self.sums.get(story.id)
        if total is None:
            return
        if self._mat.shape[1] != total.shape[0]:
            self._mat = np.zeros((64, total.shape[0]), dtype=np.float32)
            self._first = np.zeros(64, dtype=np.int64)
            self._last = np.zeros(64, dtype=np.int64)
            self._rows, self._ids = {}, []
        row = self._rows.get(story.id)
        if row is None:
            row = len(self._ids)
            if row == self._mat.shape[0]:
                grow = self._mat.shape[0] * 2
                self._mat = np.resize(self._mat, (grow, self._mat.shape[1]))
                self._first = np.resize(self._first, grow)
                self._last = np.resize(self._last, grow)
            self._rows[story.id] = row
            self._ids.append(story.id)
        norm = float(np.linalg.norm(total))
        self._mat[row] = total / norm if norm else total
        self._first[row] = _ordinal(story.first) or 0
        self._last[row] = _ordinal(story.last) or 0

    def forget(self, story_id: str) -> None:
        story = self.stories.pop(story_id)
        self.sums.pop(story_id, None)
        for entity in story.entities:
            self.by_entity.get(entity, set()).discard(story_id)
        row = self._rows.pop(story_id, None)
        if row is not None:  # leave the row, zeroed: it matches nothing
            self._mat[row] = 0.0
            self._ids[row] = ""

    def idf(self, entity: str) -> float:
        return math.log((self.articles + 1) / (self.df.get(entity, 0) + 1)) + 1.0

    # -- scoring ---------------------------------------------------------------------------------
    def _candidates(self, vector: np.ndarray | None, ents: set[str], day: int | None) -> list[str]:
        found: set[str] = set()
        n = len(self._ids)
        if vector is not None and n and self._mat.shape[1] == vector.shape[0]:
            # Every row is scored in place and the rows outside the window are then ruled out: selecting
            # the rows first copied most of the matrix for each article, which grew with the corpus.
            sims = self._mat[:n] @ vector
            if day is not None:
                window = self.model.window_days
                undated = self._last[:n] == 0
                near = (self._first[:n] - window <= day) & (day <= self._last[:n] + window)
                sims[~(undated | near)] = -np.inf
            found.update(self._ids[r] for r in _top_rows(sims, TOP_K) if self._ids[r])
        # The rarest names find the stories the centroid search missed; common ones add only cost.
        for entity in sorted(ents, key=lambda e: (self.df.get(e, 0), e))[:ENTITY_KEYS]:
            stories = self.by_entity.get(entity, ())
            if len(stories) <= MAX_POSTINGS:
                found.update(s for s in stories if self._near(s, day))
        return sorted(found)

    def _near(self, story_id: str, day: int | None) -> bool:
        story = self.stories[story_id]
        if day is None or story.first is None:
            return True
        window = self.model.window_days
        first, last = _ordinal(story.first), _ordinal(story.last)
        return first is not None and last is not None and first - window <= day <= last + window

    def _entity_share(self, weights: dict[str, float], total: float, story: Story) -> float:
        """Share of the article's idf-weighted entities (``weights`` already times idf) the story names."""
        if not total or not story.size:
            return 0.0
        named = story.entities
        return sum(w * named.get(e, 0) for e, w in weights.items()) / (total * story.size)

    def features(
        self,
        vector: np.ndarray | None,
        weights: dict[str, float],
        events: set[str],
        span: tuple[int | None, int | None],
        story: Story,
    ) -> np.ndarray:
        """Features of (an article or a story, ``story``); ``weights`` are entity weights, not yet idf'd."""
        weighted = {e: self.idf(e) * w for e, w in weights.items()}
        return self._features(vector, weighted, sum(weighted.values()), events, span, story)

    def _features(
        self,
        vector: np.ndarray | None,
        weighted: dict[str, float],
        total: float,
        events: set[str],
        span: tuple[int | None, int | None],
        story: Story,
    ) -> np.ndarray:
        centroid = self.sums.get(story.id)
        cosine = 0.0
        if vector is not None and centroid is not None and centroid.shape == vector.shape:
            # np.linalg.norm's own arithmetic (a float32 square root of the dot product) without its
            # wrapper, which cost more than the product itself for each of an article's candidates.
            norm = float(np.sqrt(centroid @ centroid))
            cosine = float(centroid @ vector) / norm if norm else 0.0
        days: int | None = None
        first, last = _ordinal(story.first), _ordinal(story.last)
        if span[0] is not None and span[1] is not None and first is not None and last is not None:
            days = max(0, first - span[1], span[0] - last)
        shared_event = not events.isdisjoint(story.events)
        return features(cosine, self._entity_share(weighted, total, story), shared_event, days)

    # -- assigning -------------------------------------------------------------------------------
    def candidate_features(self, article: Article) -> list[tuple[str, np.ndarray]]:
        """(story id, features) for every candidate story of ``article``, by story id."""
        vector = vector_of(article, self.dims)
        ents = entity_ids(article)
        events = _events(article)
        day = day_of(article)
        weighted = {e: self.idf(e) for e in ents}
        total = sum(weighted.values())
        rows = [
            (s, self._features(vector, weighted, total, events, (day, day), self.stories[s]))
            for s in self._candidates(vector, ents, day)
        ]
        return [(s, x) for s, x in rows if self._within_window(x)]

    def _within_window(self, x: np.ndarray) -> bool:
        """A story is about days, not years: one further away than the window is never joined, even when
        it became a candidate by its entities."""
        return bool(x[FEATURE_DAYS] <= math.log1p(self.model.window_days))

    def assign(self, article: Article) -> str:
        """Put ``article`` (already stored, entities resolved) into a story; return the story id."""
        if article.duplicate_of:
            home = self.store.story_of(article.duplicate_of)
            if home is not None:
                self.store.set_story_of(article.id, home, None)
                return home
        scored = [(self.model.probability(x), s) for s, x in self.candidate_features(article)]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        threshold = self.model.threshold
        if not scored or scored[0][0] < threshold:
            return self.join(article, None, None)
        best_score, home = scored[0]
        for other_score, other in scored[1:]:
            if other_score >= threshold and self._fits(other, home):
                home = self._merge(other, home)
        return self.join(article, home, best_score)

    def join_into(self, story: Story, article: Article) -> None:
        """Add ``article`` to ``story`` in the index; the caller saves the story and its membership."""
        self._add(story, article, vector_of(article, self.dims), entity_ids(article), _events(article), day_of(article))

    def join(self, article: Article, story_id: str | None, score: float | None) -> str:
        """Add ``article`` to the story ``story_id``, or to a new story when None."""
        story = self.stories[story_id] if story_id else Story(id=self._new_id(article.id))
        self.join_into(story, article)
        self.save(story)
        self.store.set_story_of(article.id, story.id, None if score is None else round(score, 4))
        return story.id

    def _new_id(self, seed_article: str) -> str:
        """A story id from the article that starts it; an article that left the story it had started
        (a split) starts the next one under another id."""
        story_id, n = _story_id(seed_article), 1
        while story_id in self.stories:
            story_id, n = _story_id(f"{seed_article}#{n}"), n + 1
        return story_id

    def _fits(self, a: str, b: str) -> bool:
        """Do two stories describe one event? The article model, with story ``a`` as the article."""
        story = self.stories[a]
        total = self.sums.get(a)
        vector = total / (float(np.linalg.norm(total)) or 1.0) if total is not None else None
        weights = {e: c / story.size for e, c in story.entities.items()} if story.size else {}
        span = (_ordinal(story.first), _ordinal(story.last))
        x = self.features(vector, weights, set(story.events), span, self.stories[b])
        return self._within_window(x) and self.model.probability(x) >= self.model.threshold

    def _merge(self, a: str, b: str) -> str:
        """Merge the smaller story into the larger (ties: into the smaller id); return the survivor."""
        large, small = sorted((a, b), key=lambda s: (-self.stories[s].size, s))
        keep, gone = self.stories[large], self.stories[small]
        self.forget(small)
        keep.size += gone.size
        _widen(keep, gone.first, gone.last)
        for lang, n in gone.languages.items():
            keep.languages[lang] = keep.languages.get(lang, 0) + n
        for entity, n in gone.entities.items():
            keep.entities[entity] = keep.entities.get(entity, 0) + n
            self.by_entity.setdefault(entity, set()).add(keep.id)
        keep.events = sorted(set(keep.events) | set(gone.events))
        for lang, title in gone.titles.items():
            keep.titles.setdefault(lang, title)
        gone_sum = np.frombuffer(gone.centroid, dtype=np.float32) if gone.centroid else None
        if gone_sum is not None:
            total = self.sums.get(keep.id)
            if total is None or total.shape == gone_sum.shape:
                self.sums[keep.id] = gone_sum.copy() if total is None else total + gone_sum
                keep.centroid = self.sums[keep.id].tobytes()
        self.store.move_story_members(small, keep.id)
        self.store.delete_story(small)
        self.save(keep)
        return keep.id

    def _add(
        self,
        story: Story,
        article: Article,
        vector: np.ndarray | None,
        ents: set[str],
        events: set[str],
        day: int | None,
    ) -> None:
        story.size += 1
        self.articles += 1
        if article.language:
            story.languages[article.language] = story.languages.get(article.language, 0) + 1
            title = article.title or _opening(article.text)
            if title:
                story.titles.setdefault(article.language, title)
        for entity in ents:
            story.entities[entity] = story.entities.get(entity, 0) + 1
            self.df[entity] += 1
            self.by_entity.setdefault(entity, set()).add(story.id)
        if len(story.entities) > 2 * KEPT_ENTITIES:
            # A long-running story's tail of once-named entities says little and would make every
            # later article cost more: keep the most named (amortised: one sort per KEPT_ENTITIES adds).
            kept = dict(sorted(story.entities.items(), key=lambda kv: (-kv[1], kv[0]))[:KEPT_ENTITIES])
            for entity in story.entities.keys() - kept.keys():
                self.by_entity.get(entity, set()).discard(story.id)
            story.entities = kept
        story.events = sorted(set(story.events) | events)
        _widen(story, _iso(day), _iso(day))
        if vector is not None:
            self.dims = self.dims or vector.shape[0]
            total = self.sums.get(story.id)
            self.sums[story.id] = vector.copy() if total is None else total + vector
            story.centroid = self.sums[story.id].tobytes()
        self.stories[story.id] = story

    def save(self, story: Story) -> None:
        """Place the story in the centroid index now (after one or more joins) and write it when the
        transaction commits: a story that many articles of one batch join is written once."""
        self._place(story)
        self._touched.add(story.id)
        self._unsaved.add(story.id)
        self.store.before_commit(self.flush)

    def flush(self) -> None:
        """Write the stories saved since the last flush (those merged away meanwhile are deleted)."""
        for story_id in sorted(self._unsaved):
            story = self.stories.get(story_id)
            if story is not None:
                self.store.put_story(story)
        self._unsaved.clear()

    def take_touched(self) -> set[str]:
        """Stories created or changed since the last call (what storyline linking must look at)."""
        touched, self._touched = {t for t in self._touched if t in self.stories}, set()
        return touched


def _widen(story: Story, first: str | None, last: str | None) -> None:
    if first is not None and (story.first is None or first < story.first):
        story.first = first
    if last is not None and (story.last is None or last > story.last):
        story.last = last


def _opening(text: str, width: int = 100) -> str:
    """An untitled article's first line, cut at a word, to stand in for a title."""
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[:width].rsplit(" ", 1)[0] + " …"


def _events(article: Article) -> set[str]:
    """Merged events the article reports as having happened (a planned meeting is not the meeting)."""
    return {f.event_id for f in article.events if f.event_id and f.modality == "asserted"}


def _story_id(seed_article: str) -> str:
    return "s" + hashlib.sha1(seed_article.encode()).hexdigest()[:15]
