"""A benchmark that keeps speed claims honest: per stage and end to end, articles/s and peak memory.

The corpus is reproducible (a seeded recombination of the annotated corpora's texts and the sample
articles), so two runs measure the same work. Articles are new texts, not copies: each one joins
paragraphs of several source documents of one language, so deduplication does not short-cut the run.
Speed targets are checked here, never in a timed test.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.config import Settings
from newsweave.entities.train import load_corpora
from newsweave.model import Article, RawDoc
from newsweave.pipeline import Pipeline, article_from
from newsweave.store import ArticleQuery

#: Articles taken through the stages at a time when each stage is timed on its own.
STAGE_CHUNK = 1_000
#: Articles every process runs before the clock. Enough for each of the corpus's languages to come up
#: (simplemma loads a language's dictionary on first use, 0.1-2.8 s each): with 20, every Dask worker
#: still loaded German's and Latvian's during the measured run.
WARMUP = 200


@dataclass(slots=True)
class BenchResult:
    articles: int
    chars: int
    stages: dict[str, float] = field(default_factory=dict)  # stage -> articles/s
    end_to_end: float = 0.0  # articles/s for ingest into a fresh store, corpus steps included
    # Corpus steps, timed inside that ingest: articles/s over the whole run, and seconds spent on the
    # first and the second half of the articles (a second half much slower means superlinear growth).
    steps: dict[str, dict[str, float]] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    workers_peak_rss_mb: float = 0.0  # the largest worker process's, for --engine dask
    store: str = "sqlite"
    engine: str = "serial"
    engine_start_s: float = 0.0  # starting the engine and loading its models, not in end_to_end
    seconds: float = 0.0
    ingested: bool = True  # False: the stages alone were measured (no end to end, no steps)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "mean_chars": round(self.chars / max(1, self.articles)),
            "stages_articles_per_s": {k: round(v, 1) for k, v in self.stages.items()},
            "end_to_end_articles_per_s": round(self.end_to_end, 1) if self.ingested else None,
            "store": self.store,
            "engine": self.engine,
            "engine_start_s": round(self.engine_start_s, 1),
            "steps": {k: {m: round(v, 2) for m, v in d.items()} for k, d in self.steps.items()},
            "peak_rss_mb": round(self.peak_rss_mb),
            "workers_peak_rss_mb": round(self.workers_peak_rss_mb),
            "seconds": round(self.seconds, 1),
        }


def build_corpus(
    n: int, corpora: Path | None, samples: Path | None, seed: int = 7, chars: int | None = None
) -> list[RawDoc]:
    """``n`` articles of 2-4 paragraphs each, drawn from one language's pool of paragraphs; with
    ``chars``, of paragraphs added until the article has that many characters, cut there at a word's
    end (the length a speed target names: "3,000-character articles")."""
    pools: dict[str, list[str]] = defaultdict(list)
    for folder in (corpora, samples):
        if folder is not None and not folder.is_dir():  # silently benchmarking the samples alone misleads
            raise ValueError(f"no folder {folder} (run from the repository root, or pass --corpora/--samples)")
    if corpora is not None:
        for doc in load_corpora(corpora):
            pools[doc.lang].extend(p for p in doc.text.split("\n") if len(p) >= 80)
    if samples is not None:
        for path in sorted(samples.iterdir()):
            lines = path.read_text(encoding="utf-8").split("\n")
            pools["sample"].extend(line for line in lines if len(line) >= 80)
    pools = {lang: sorted(set(p)) for lang, p in pools.items() if len(set(p)) >= 4}
    if not pools:
        raise ValueError("no texts to build a benchmark corpus from (see --corpora)")
    rng = random.Random(seed)
    languages = sorted(pools)
    docs = []
    for i in range(n):
        lang = languages[i % len(languages)]
        pool = pools[lang]
        if chars is None:
            text = "\n".join(rng.sample(pool, k=min(len(pool), rng.randint(2, 4))))
        else:
            text = _of_length(pool, chars, rng)
        docs.append(RawDoc(source=f"bench/{i:06d}", text=text, format="text", hints={"pool": lang}))
    return docs


def _of_length(pool: list[str], chars: int, rng: random.Random) -> str:
    """Distinct paragraphs of one pool joined until ``chars`` characters, cut at the last word end
    before that (a pool too small gives what it has)."""
    order = rng.sample(pool, k=len(pool))
    text = ""
    for paragraph in order:
        text = f"{text}\n{paragraph}" if text else paragraph
        if len(text) >= chars:
            break
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars + 1)
    return text[: cut if cut > chars // 2 else chars].rstrip()


class _Timer:
    """Seconds per call of a wrapped corpus step, in call order."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.calls.append(time.perf_counter() - t0)

        return timed

    def summary(self) -> dict[str, float]:
        half = len(self.calls) // 2
        total = sum(self.calls)
        return {
            "calls": len(self.calls),
            "articles_per_s": len(self.calls) / max(total, 1e-9),
            "first_half_s": sum(self.calls[:half]),
            "second_half_s": sum(self.calls[half:]),
        }


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run(
    settings: Settings,
    n: int,
    corpora: Path | None,
    samples: Path | None,
    db: str | None = None,
    chars: int | None = None,
    stages_only: bool = False,
) -> BenchResult:
    """Warm every stage on a few articles first (models load once per process), then measure.

    End to end goes into ``db`` (an empty store: a PostgreSQL URL to compare the backends) or a fresh
    SQLite file, on the configured engine (``settings.engine``), started and warmed before the clock.
    ``stages_only`` measures the per-article stages alone (each on one core, but lingua's batched
    calls), which is what a per-stage target needs, in seconds rather than minutes."""
    from newsweave.service import NewsWeave

    began = time.monotonic()
    docs = build_corpus(n, corpora, samples, chars=chars)
    pipeline = Pipeline.from_settings(settings)
    warmup = build_corpus(min(WARMUP, n), corpora, samples, seed=99, chars=chars)
    for doc in warmup:
        pipeline.run_one(doc)
    result = BenchResult(articles=len(docs), chars=sum(len(d.text) for d in docs))
    seconds = dict.fromkeys((stage.name for stage in pipeline.stages), 0.0)
    counts = dict.fromkeys(seconds, 0)
    # Stage by stage over one chunk of articles at a time: all 10,000 processed articles held at once
    # were the benchmark's own memory, not the product's, and counted in the peak it reports.
    for at in range(0, len(docs), STAGE_CHUNK):
        articles: list[Article] = [article_from(d) for d in docs[at : at + STAGE_CHUNK]]
        for stage in pipeline.stages:
            t0 = time.perf_counter()
            kept = []
            for article in articles:
                try:
                    kept.append(stage(article))
                except Exception:  # noqa: BLE001 - an article a stage rejects is not timed further
                    continue
            seconds[stage.name] += time.perf_counter() - t0
            counts[stage.name] += len(articles)
            articles = kept
    result.stages = {name: counts[name] / max(seconds[name], 1e-9) for name in seconds}
    del articles, kept
    result.ingested = not stages_only
    if stages_only:
        result.peak_rss_mb = _peak_mb()
        result.seconds = time.monotonic() - began
        return result
    with tempfile.TemporaryDirectory() as tmp:
        store_settings = settings.model_copy(update={"db": db or str(Path(tmp) / "bench.db")})
        with NewsWeave(store_settings) as nw:
            if nw.count(ArticleQuery(include_duplicates=True)):
                raise ValueError(f"the benchmark needs an empty store; {db} holds articles")
            result.store = nw.store.url.split(":", 1)[0]
            result.engine = settings.engine.kind
            t0 = time.perf_counter()
            nw.engine.warm(warmup)
            result.engine_start_s = time.perf_counter() - t0
            timers = {"dedup": _Timer(), "resolve": _Timer(), "events": _Timer(), "stories": _Timer()}
            nw.dedup.assign = timers["dedup"].wrap(nw.dedup.assign)  # type: ignore[method-assign]
            nw.resolver.resolve = timers["resolve"].wrap(nw.resolver.resolve)  # type: ignore[method-assign]
            nw.event_merger.assign = timers["events"].wrap(nw.event_merger.assign)  # type: ignore[method-assign]
            nw.story_index.assign = timers["stories"].wrap(nw.story_index.assign)  # type: ignore[method-assign]
            t0 = time.perf_counter()
            nw.ingest_docs(docs)
            result.end_to_end = len(docs) / max(time.perf_counter() - t0, 1e-9)
            result.steps = {name: timer.summary() for name, timer in timers.items()}
    result.peak_rss_mb = _peak_mb()
    result.workers_peak_rss_mb = _peak_mb(resource.RUSAGE_CHILDREN) if settings.engine.kind == "dask" else 0.0
    result.seconds = time.monotonic() - began
    return result
