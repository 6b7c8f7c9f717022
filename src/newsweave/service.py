"""``NewsWeave``: the one façade that the CLI (and later the API, UI and bulk runner) call.

Ingest is the map/reduce the design describes: readers and per-article stages are pure maps; the
driver then, for each article and inside one transaction, checks it against the store (exact copy?
near copy?), writes it and links its source. An interrupted run therefore leaves only whole articles,
and running it again skips every input already read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from newsweave.config import Settings, load_settings
from newsweave.embedding.base import configured
from newsweave.engine import Engine, Work, make_engine
from newsweave.entities.names import name_key
from newsweave.errors import NewsweaveError, NotFound
from newsweave.gc_tuning import tune_for_ingest
from newsweave.model import Article, Entity, Event, IngestReport, Problem, RawDoc
from newsweave.pipeline import Pipeline, raw_hash
from newsweave.readers import build_readers, read_input
from newsweave.readers.base import Input
from newsweave.readers.inputs import expand
from newsweave.readers.reread import reread
from newsweave.search import Mode, Searcher
from newsweave.steps.dedup import DedupIndex
from newsweave.steps.events import EventMerger
from newsweave.steps.resolve import EntityResolver
from newsweave.steps.stories import StoryIndex
from newsweave.steps.story_model import StoryModel
from newsweave.steps.story_split import after_run, rebuild_after_delete
from newsweave.store import ArticleQuery, EntityQuery, Store, open_store
from newsweave.write_batch import WriteBatch


@dataclass(slots=True, frozen=True)
class _Done:
    """In a run's stream: every document of this input has come before."""

    source: str


@dataclass(slots=True, frozen=True)
class _Known:
    """In a run's stream: a document whose exact input is stored already."""

    work: Work


@dataclass(slots=True)
class Progress:
    """Callbacks for long runs; the CLI draws a progress bar with them, tests can count."""

    start: Callable[[int], None] = lambda total: None
    advance: Callable[[str], None] = lambda source: None


class NewsWeave:
    def __init__(self, settings: Settings | None = None, store: Store | None = None) -> None:
        self.settings = settings or load_settings()
        self.store = store or open_store(self.settings.db)
        self._pipeline: Pipeline | None = None
        self._dedup: DedupIndex | None = None
        self._resolver: EntityResolver | None = None
        self._events: EventMerger | None = None
        self._stories: StoryIndex | None = None
        self._searcher: Searcher | None = None
        self._engine: Engine | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
        self.store.close()

    def __enter__(self) -> NewsWeave:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline.from_settings(self.settings)
        return self._pipeline

    @property
    def engine(self) -> Engine:
        """Where the stages run (``engine.kind``); kept for the service's life: a Dask cluster starts once."""
        if self._engine is None:
            self._engine = make_engine(self.settings, self.pipeline)
        return self._engine

    @property
    def dedup(self) -> DedupIndex:
        if self._dedup is None:
            num_perm = int(self.settings.stages.get("fingerprint", {}).get("num_perm", 128))
            self._dedup = DedupIndex(self.store, self.settings.dedup_threshold, num_perm)
        return self._dedup

    @property
    def event_merger(self) -> EventMerger:
        if self._events is None:
            self._events = EventMerger(self.store)
        return self._events

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = Searcher(self.store, configured(self.settings))
            while batch := self.store.unindexed_articles():  # a store from before search existed
                with self.store.transaction():
                    for article_id in batch:
                        self._searcher.index(self.store.get_article(article_id))
        return self._searcher

    @property
    def story_index(self) -> StoryIndex:
        if self._stories is None:
            path = self.settings.stories_model
            self._stories = StoryIndex(self.store, StoryModel.load(Path(path) if path else None))
        return self._stories

    @property
    def resolver(self) -> EntityResolver:
        if self._resolver is None:
            from newsweave.stages.mentions import MentionStage

            tagger = next((s for s in self.pipeline.stages if isinstance(s, MentionStage)), None)
            self._resolver = EntityResolver(self.store, (tagger or MentionStage()).demonyms())
        return self._resolver

    # -- ingest ----------------------------------------------------------------------------------
    def ingest(
        self, targets: Iterable[str], progress: Progress | None = None, stdin: bytes | None = None
    ) -> IngestReport:
        """Read, process and store everything named by ``targets``; never stops on a bad input."""
        targets = list(targets)
        self.pipeline  # noqa: B018 - build (and validate) the stages before reading any input
        return self.ingest_inputs(list(expand(targets, self.settings, stdin)), targets, progress)

    def ingest_inputs(
        self, items: list[Input | Problem], targets: list[str] | None = None, progress: Progress | None = None
    ) -> IngestReport:
        """Ingest inputs already named and held (uploads to the API, files found by ``ingest``)."""
        progress = progress or Progress()
        targets = targets if targets is not None else [i.source for i in items]
        progress.start(len(items))
        readers = build_readers(self.settings)

        def stream() -> Iterator[RawDoc | Problem | _Done]:
            for item in items:
                if isinstance(item, Problem):
                    yield item
                else:
                    yield from read_input(item, readers, self.settings)
                yield _Done(item.source)

        return self._run(stream(), targets, progress)

    def ingest_docs(self, docs: Iterable[RawDoc | Problem]) -> IngestReport:
        """Ingest documents that were already read (the API's JSON posts, tests, other front ends)."""
        return self._run(docs, ["<documents>"], Progress())

    def _run(self, stream: Iterable[RawDoc | Problem | _Done], targets: list[str], progress: Progress) -> IngestReport:
        """One ingest run: the engine runs the stages of documents not seen before, this process stores
        the results in input order (in batches, see ``write_batch``), then the end-of-run steps and the
        run's record."""
        report = IngestReport()
        tune_for_ingest(self.settings.engine.gc_young)
        try:
            with WriteBatch(self.store, self.settings.commit) as batch:
                for item, result in self.engine.run(self._work(stream)):
                    self._take(item, result, report, progress)
                    if isinstance(item, (Work, _Known)):
                        batch.step()
        except BaseException:
            self._drop_indexes()  # they may hold articles of the batch that rolled back
            raise
        self.finish_run()
        self.store.record_run(targets, report)
        if report.added:
            self.store.optimize()
        return report

    def _take(self, item: object, result: Article | Problem | None, report: IngestReport, progress: Progress) -> None:
        """One item of a run, in input order: a result to store, a problem to report, an input done."""
        if isinstance(item, _Done):
            progress.advance(item.source)
        elif isinstance(item, Problem):
            report.problems.append(item)
        elif isinstance(item, _Known) and not self._record_known(item.work, report):
            # stored when the run read it, deleted since (a takedown through the API meanwhile)
            report.problems.append(
                Problem(item.work.doc.source, "ingest", "its article was deleted during the run; ingest it again")
            )
        elif isinstance(item, Work) and not (self.engine.runs_ahead and self._record_known(item, report)):
            self._ingest_result(item, result, report)

    def _work(self, stream: Iterable[RawDoc | Problem | _Done]) -> Iterator[object]:
        """Documents to run the stages on, as ``Work``; one read before (the same bytes) as ``_Known``,
        to be recorded in its place as another source of its article without running anything."""
        for item in stream:
            if isinstance(item, RawDoc):
                work = Work(item, raw_hash(item))
                yield work if self.store.find_source(work.key) is None else _Known(work)
            else:
                yield item

    def finish_run(self) -> None:
        """After each run: split off story members that no longer fit, then extend the storylines from
        the stories that changed (cheap next to clustering the articles)."""
        try:
            after_run(self.story_index, configured(self.settings))
        except BaseException:
            self._stories = None  # rolled back: reload from the store next time
            raise

    def _record_known(self, work: Work, report: IngestReport) -> bool:
        """Record a document whose exact input is stored as another source of its article; False when
        it is new."""
        seen = self.store.find_source(work.key)
        if seen is None:
            return False
        self.store.add_source(seen, work.doc.source, work.key)
        report.unchanged.append(work.doc.source)
        return True

    def _ingest_result(self, work: Work, result: Article | Problem | None, report: IngestReport) -> None:
        if result is None:
            raise AssertionError("an engine returned no result for a document")
        if isinstance(result, Problem):
            report.problems.append(result)
            return
        self._store_article(result, report)

    def _store_article(self, article: Article, report: IngestReport) -> None:
        try:
            self._write_article(article, report)
        except BaseException:
            # The transaction rolled back; the in-memory indexes may hold what it had written (the
            # searcher a vector of an article that is not stored).
            self._drop_indexes()
            raise

    def _write_article(self, article: Article, report: IngestReport) -> None:
        """Inside a batch, the article's writes join the batch's transaction without a savepoint of
        their own: a failure rolls the batch back anyway, and SQLite's full-text index writes its
        pending terms out at every savepoint (one small segment per article, merged over and over)."""
        with self.store.atomic():
            if self.store.has_article(article.id):
                self.store.add_source(article.id, article.source, article.raw_hash)
                report.exact_duplicates.append((article.source, article.id))
                return
            self.dedup.assign(article)
            if article.mentions and not article.duplicate_of:  # a copy's mentions would count twice
                self.resolver.resolve(article)
                if article.events:
                    self.event_merger.assign(article)
            if article.citations and not article.duplicate_of:
                by_span = {(m.start, m.end): m.entity_id for m in article.mentions}
                self.store.put_citations(
                    article.id, [(c.outlet, by_span.get((c.start, c.end)), c.start, c.end) for c in article.citations]
                )
            self.store.put_article(article)
            self.store.add_source(article.id, article.source, article.raw_hash)
            self.searcher.index(article)
            self.story_index.assign(article)
        self.dedup.add(article)
        report.added.append(article.id)
        if article.duplicate_of:
            report.near_duplicates.append((article.id, article.duplicate_of, article.duplicate_similarity or 0.0))

    # -- deleting and re-running ------------------------------------------------------------------
    def delete_article(self, id_or_prefix: str) -> dict[str, Any]:
        """Remove an article, with its near copies (the same text), and what it contributed: its share of
        its entities' and events' counts (those only it named go), its story (rebuilt from the members
        that stay, so no title or centroid keeps its text), its search keys and vector. For takedowns and
        mistakes; the in-memory indexes reload afterwards (seconds on a large store)."""
        article = self.store.get_article(id_or_prefix)
        doomed = [article]
        if not article.duplicate_of:
            doomed += [self.store.get_article(c) for c in self.store.duplicates_of(article.id)]
        try:
            with self.store.transaction():
                entities, events, stories = self._take_out(doomed)
        finally:
            self._drop_indexes()
        self.finish_run()  # storylines from the rebuilt stories
        return {
            "deleted": [a.id for a in doomed],
            "entities_deleted": entities,
            "events_deleted": events,
            "stories_changed": stories,
        }

    def rerun(self, id_or_prefix: str) -> dict[str, Any]:
        """Process a stored article again from its raw input with today's pipeline and models (after an
        upgrade), with its near copies, replacing what the old run derived. The new runs are made first;
        only when all succeed are the old articles taken out and the new ones stored, in one transaction."""
        old = self.store.get_article(id_or_prefix)
        olds = (
            [old] if old.duplicate_of else [old, *(self.store.get_article(c) for c in self.store.duplicates_of(old.id))]
        )
        results: list[Article] = []
        for article in olds:
            result = self.pipeline.run_one(reread(article, self.settings))
            if isinstance(result, Problem):
                raise NewsweaveError(
                    f"re-running {article.id} failed in stage {result.stage}: {result.reason}; kept as it was"
                )
            results.append(result)
        sources = {a.id: self.store.source_rows(a.id) for a in olds}
        new_ids: dict[str, str] = {}
        try:
            with self.store.transaction():
                self._take_out(olds)
                self._reload_indexes()  # judged afresh against the store without the old runs
                for article, result in zip(olds, results, strict=True):  # the original first: copies find it
                    report = IngestReport()
                    self._write_article(result, report)
                    stored = report.exact_duplicates[0][1] if report.exact_duplicates else result.id
                    for source, key in sources[article.id]:  # re-reading any of its inputs finds it, as before
                        self.store.add_source(stored, source, key)
                    new_ids[article.id] = stored
        finally:
            self._drop_indexes()
        self.finish_run()
        fresh = self.store.get_article(new_ids[old.id])
        return {"old": old.id, "new": fresh.id, "duplicate_of": fresh.duplicate_of, "rerun": new_ids}

    def _take_out(self, doomed: list[Article]) -> tuple[list[str], list[str], list[str]]:
        """Inside the caller's transaction: forget what these articles contributed, delete their rows,
        rebuild their stories. Returns the entities, events and stories affected."""
        stories = sorted({s for a in doomed if (s := self.store.story_of(a.id))})
        index = self.story_index  # loaded while the rows are still there
        entities: list[str] = []
        events: list[str] = []
        for a in doomed:
            if not a.duplicate_of:
                gone = self.resolver.forget(a)
                entities += gone
                events += self.event_merger.forget(a, gone)
            self.store.delete_article(a.id)
        for story_id in stories:
            rebuild_after_delete(index, story_id, configured(self.settings))
        return entities, events, stories

    def _reload_indexes(self) -> None:
        """Inside a transaction that goes on: write what the indexes hold back until the commit, then
        drop them, so that they reload from the store as it now is (stories rebuilt, entities changed)."""
        if self._resolver is not None:
            self._resolver.flush()
        if self._stories is not None:
            self._stories.flush()
        self._drop_indexes()

    def _drop_indexes(self) -> None:
        self._dedup, self._resolver, self._events, self._stories, self._searcher = None, None, None, None, None

    # -- reading ---------------------------------------------------------------------------------
    def articles(self, query: ArticleQuery | None = None) -> list[Article]:
        return self.store.list_articles(query or ArticleQuery())

    def count(self, query: ArticleQuery | None = None) -> int:
        return self.store.count_articles(query or ArticleQuery())

    def article(self, id_or_prefix: str) -> Article:
        return self.store.get_article(id_or_prefix)

    def article_links(self, id_or_prefix: str) -> tuple[Article, list[str], list[str]]:
        """An article with the inputs it was read from and the ids of its near copies."""
        article = self.article(id_or_prefix)
        return article, self.store.sources_of(article.id), self.store.duplicates_of(article.id)

    def article_view(self, id_or_prefix: str, with_raw: bool = False) -> dict[str, Any]:
        """An article as plain data with its sources and copies: what ``show --json`` and the API return."""
        from newsweave.render import article_dict

        article, sources, copies = self.article_links(id_or_prefix)
        return {**article_dict(article, with_raw=with_raw), "sources": sources, "copies": copies}

    # -- entities --------------------------------------------------------------------------------
    def entities(self, query: EntityQuery | None = None) -> list[Entity]:
        return self.store.list_entities(query or EntityQuery())

    def entity(self, name_or_id: str) -> Entity:
        """An entity by id, or by name in any language, spelling or case form (best-mentioned first)."""
        try:
            return self.store.get_entity(name_or_id)
        except NotFound:
            pass
        # As written, then by the folded key (other spellings), then by the surname's key alone.
        key = name_key(name_or_id)
        for fragment in (name_or_id, key, key.split()[-1] if key else ""):
            found = self.store.list_entities(EntityQuery(name=fragment, limit=1)) if fragment else []
            if found:
                break
        if not found:
            raise NotFound(f"no entity named {name_or_id!r}")
        return found[0]

    def entity_view(self, name_or_id: str, max_mentions: int = 200) -> dict[str, Any]:
        """An entity with every mention in context (article, offsets, sentence) and co-occurring entities."""
        from dataclasses import asdict

        entity = self.entity(name_or_id)
        mentions, co = [], Counter[str]()
        articles: dict[str, Article] = {}
        for article_id, start, end in self.store.entity_mentions(entity.id, max_mentions):
            article = articles.get(article_id) or self.article(article_id)
            articles[article_id] = article
            left = max(article.text.rfind("\n", 0, start), article.text.rfind(". ", 0, start) + 1, 0)
            right_candidates = [i for i in (article.text.find("\n", end), article.text.find(". ", end)) if i >= 0]
            right = min(right_candidates) + 1 if right_candidates else len(article.text)
            mentions.append(
                {
                    "article_id": article_id,
                    "language": article.language,
                    "start": start,
                    "end": end,
                    "text": article.text[start:end],
                    "context": article.text[left:right].strip(),
                    "published": article.published.value if article.published else None,
                }
            )
        for article in articles.values():
            co.update({m.entity_id for m in article.mentions if m.entity_id and m.entity_id != entity.id})
        related = []
        for other_id, n in co.most_common(15):
            try:
                other = self.store.get_entity(other_id)
            except NotFound:
                continue
            related.append({"id": other.id, "name": other.name, "label": other.label, "articles": n})
        return {**asdict(entity), "mention_list": mentions, "co_occurring": related}

    # -- facts -----------------------------------------------------------------------------------
    def sources(self, limit: int = 100) -> list[dict[str, Any]]:
        """Who cites whom: cited outlets, most cited first, with how many articles cite each, in which
        languages, over which dates, and which outlets (the citing articles' own) do the citing."""
        graph: dict[str, dict[str, Any]] = {}
        for outlet, entity_id, citing, language, published, article_id in self.store.citation_rows():
            node = graph.setdefault(
                entity_id or outlet,
                {"outlet": outlet, "entity_id": entity_id, "articles": set(), "languages": set(), "cited_by": {}},
            )
            node["articles"].add(article_id)
            if language:
                node["languages"].add(language)
            if citing:
                node["cited_by"][citing] = node["cited_by"].get(citing, 0) + 1
            if published:
                node["first"] = min(node.get("first") or published, published)
                node["last"] = max(node.get("last") or published, published)
        out = [
            {
                **node,
                "articles": len(node["articles"]),
                "languages": sorted(node["languages"]),
                "first": node.get("first"),
                "last": node.get("last"),
            }
            for node in graph.values()
        ]
        out.sort(key=lambda n: (-n["articles"], n["outlet"]))
        return out[:limit]

    # -- search ----------------------------------------------------------------------------------
    def search(self, query: str, filters: ArticleQuery | None = None, mode: Mode = "hybrid") -> dict[str, Any]:
        """Ranked articles for ``query`` with highlighted snippets; filters as for listing articles."""
        from newsweave.search_views import search_view

        return search_view(self, query, filters or ArticleQuery(limit=20), mode)

    # -- stories ---------------------------------------------------------------------------------
    def stories(self, limit: int = 50, offset: int = 0, storyline: str | None = None) -> list[dict[str, Any]]:
        """Stories, newest first, each with its title, size, dates, languages and main entities."""
        from newsweave.story_views import story_row

        return [story_row(self, s) for s in self.store.list_stories(limit, offset, storyline)]

    def story(self, id_or_prefix: str) -> dict[str, Any]:
        from newsweave.story_views import story_view

        return story_view(self, id_or_prefix)

    def storyline(self, storyline_id: str) -> dict[str, Any]:
        from newsweave.story_views import storyline_view

        return storyline_view(self, storyline_id)

    def timeline(self, name_or_id: str, limit: int = 500) -> dict[str, Any]:
        """An entity's events and quotes in date order, each line with the sentences it came from.

        A line's date is the event's (from the text, else the window of its reports' publication dates)
        or, for a quote, its article's publication date; undated lines come last.
        """
        entity = self.entity(name_or_id)
        articles: dict[str, Article] = {}

        def article(article_id: str) -> Article:
            return cached_article(self.store, articles, article_id)

        # Bounded for much-named entities ("Russia" in a big store): the latest events and the latest
        # articles' quotes; a table of quotes by speaker would lift the second bound.
        events = self.store.events_with([entity.id], limit=limit)
        names: dict[str, str | None] = {}
        lines = [event_line(self.store, event, articles, names) for event in events]
        for article_id in sorted(self.store.entity_articles(entity.id, QUOTE_ARTICLES)):
            a = article(article_id)
            spans = {(m.start, m.end) for m in a.mentions if m.entity_id == entity.id}
            for q in a.quotes:
                if q.speaker not in spans:
                    continue
                date = a.published.value[:10] if a.published else None
                via = a.text[q.via[0] : q.via[1]] if q.via else None
                lines.append(
                    {
                        "kind": "quote",
                        "type": q.kind,
                        "date": date,
                        "until": date,
                        "speaker": entity.name,
                        "via": via,
                        "quote": a.text[q.start : q.end],
                        "evidence": [evidence(a, q.start, q.end)],
                    }
                )
        lines.sort(key=lambda line: (line["date"] is None, line["date"] or "", line["kind"]))
        return {"entity": {"id": entity.id, "name": entity.name, "label": entity.label}, "lines": lines[:limit]}


#: Reports quoted under an event line (the count of all is in ``articles``).
EVIDENCE_PER_EVENT = 5
#: An entity's quotes are looked for in its latest this many articles.
QUOTE_ARTICLES = 200


def cached_article(store: Store, cache: dict[str, Article], article_id: str) -> Article:
    """Views read the same article for many lines: once from the store, then from ``cache``."""
    if article_id not in cache:
        cache[article_id] = store.get_article(article_id)
    return cache[article_id]


def entity_name(store: Store, entity_id: str | None, names: dict[str, str | None] | None = None) -> str | None:
    """An entity's canonical name, or None when there is no id or it has gone (merged away); ``names``
    keeps the ones already read (a timeline names the same people on every line)."""
    if not entity_id:
        return None
    if names is not None and entity_id in names:
        return names[entity_id]
    try:
        name: str | None = store.get_entity(entity_id).name
    except NotFound:
        name = None
    if names is not None:
        names[entity_id] = name
    return name


def event_line(
    store: Store, event: Event, articles: dict[str, Article], names: dict[str, str | None] | None = None
) -> dict[str, Any]:
    """A timeline line for a merged event, with the sentence of every report (``articles``, ``names``:
    caches shared by the lines of one view)."""
    return {
        "kind": "event",
        "id": event.id,
        "type": event.type,
        "modality": event.modality,
        "date": event.date,
        "until": event.date_until,
        "dated_by": event.dated_by,
        "place": entity_name(store, event.place_id, names),
        "participants": [n for n in (entity_name(store, e, names) for e in event.participants) if n],
        "articles": event.articles,
        "evidence": [
            evidence(cached_article(store, articles, a), start, end)
            for a, start, end in store.event_reports(event.id)[:EVIDENCE_PER_EVENT]
        ],
    }


def evidence(article: Article, start: int, end: int) -> dict[str, Any]:
    """Where a fact came from: the article, the offsets, and the sentences around them as written."""
    from newsweave.entities.tokens import fact_sentences

    # Split only the paragraph(s) holding the span: splitting whole articles for every line of a long
    # timeline cost a second per 500 lines.
    text = article.text
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", max(end, start + 1))
    hi = len(text) if hi < 0 else hi
    around = [
        (s + lo, e + lo) for s, e in fact_sentences(text[lo:hi]) if s + lo < max(end, start + 1) and start < e + lo
    ]
    first, last = (around[0][0], around[-1][1]) if around else (start, end)
    return {
        "article_id": article.id,
        "language": article.language,
        "published": article.published.value if article.published else None,
        "start": start,
        "end": end,
        "sentence": article.text[first:last].strip(),
    }
