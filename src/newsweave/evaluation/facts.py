"""Precision and recall of dates, events, quotes and cited sources against hand-made gold.

Gold format (JSONL, one article per line; ``tests/gold/facts/README.md`` says how it was made): either
``"input": PATH`` (read like any input, its date from its own header) or ``"text"`` with
``"published"``; then ``"dates": [{"text", "value", "until"}]`` (value null when the text cannot be
placed on the calendar), ``"events": [{"type", "modality", "evidence"}]`` (evidence: words of the
supporting sentence), ``"quotes": [{"text", "kind", "speaker"}]`` (text: words inside the quote; speaker
null when no named entity said it) and ``"citations": [OUTLET, ...]``. Gold refers to words, not
offsets, so it survives changes to cleaning; the scorer finds them in the cleaned text.

Matching: a date or quote is found when a prediction overlaps it; an event when a predicted frame of
the same type holds its evidence; a citation when the outlet names contain one another (folded).
"""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from newsweave.config import Settings
from newsweave.evaluation.metrics import PRF
from newsweave.model import Article, RawDoc
from newsweave.pipeline import Pipeline
from newsweave.readers import read_all
from newsweave.textnorm import fold, fold_aligned

T = TypeVar("T")


def _locate(text: str, folded: str, words: str) -> tuple[int, int] | None:
    at = text.find(words)
    if at < 0:
        at = folded.find(fold_aligned(words))
    return (at, at + len(words)) if at >= 0 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_name(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa in fb or fb in fa)


class FactScores:
    def __init__(self) -> None:
        self.prf: dict[str, PRF] = defaultdict(PRF)
        self.by_language: dict[tuple[str, str], PRF] = defaultdict(PRF)
        self.exact: dict[str, int] = defaultdict(int)  # counters for normalisation, modality and speaker accuracy
        self.errors: list[dict[str, Any]] = []

    def count(self, kind: str, lang: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        for prf in (self.prf[kind], self.by_language[(kind, lang)]):
            prf.tp, prf.fp, prf.fn = prf.tp + tp, prf.fp + fp, prf.fn + fn

    def error(self, article: str, kind: str, what: str, text: str) -> None:
        self.errors.append({"article": article, "fact": kind, "error": what, "text": text[:160]})

    def report(self) -> dict[str, Any]:
        e = self.exact
        out: dict[str, Any] = {kind: prf.as_dict() for kind, prf in sorted(self.prf.items())}
        out["dates"]["normalised_exact"] = round(e["date_exact"] / max(1, e["date_gold"]), 4)
        out["dates"]["normalised_exact_of_found"] = round(e["date_exact"] / max(1, e["date_found"]), 4)
        out["dates"]["dateparser_normalised_exact"] = round(e["dateparser_exact"] / max(1, e["date_gold"]), 4)
        out["dates"]["invented_for_undated_articles"] = e["invented"]
        out["events"]["modality_accuracy"] = round(e["modality_ok"] / max(1, e["event_found"]), 4)
        out["events"]["invalid_evidence"] = e["bad_offsets"]
        out["quotes"]["speaker_accuracy"] = round(e["speaker_ok"] / max(1, e["speaker_gold"]), 4)
        out["per_language"] = {
            f"{kind}/{lang}": {"f1": round(prf.f1, 4), "p": round(prf.precision, 4), "r": round(prf.recall, 4)}
            for (kind, lang), prf in sorted(self.by_language.items())
        }
        out["errors"] = self.errors
        return out


def _dateparser_value(words: str, lang: str, published: str | None) -> str | None:
    """What dateparser makes of a gold date expression alone, for the comparison in docs/facts.md."""
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
    else:
        return None  # relative to nothing: the only right answer is none, which dateparser never gives
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = dateparser.parse(words, languages=[lang], settings=settings)
        except (ValueError, TypeError, OverflowError):
            return None
    return found.date().isoformat() if found else None


def _pair(
    golds: list[dict[str, Any]], predicted: list[T], fits: Callable[[dict[str, Any], T], bool]
) -> tuple[list[tuple[dict[str, Any], T | None]], list[T]]:
    """Each gold fact with the first unused prediction that fits it (or None), and the predictions left."""
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], T | None]] = []
    for g in golds:
        hit = next((i for i, p in enumerate(predicted) if i not in used and fits(g, p)), None)
        if hit is not None:
            used.add(hit)
        pairs.append((g, predicted[hit] if hit is not None else None))
    return pairs, [p for i, p in enumerate(predicted) if i not in used]


def score(article: Article, gold: dict[str, Any], scores: FactScores) -> None:
    text, folded = article.text, fold_aligned(article.text)
    lang = gold.get("lang") or article.language or "und"
    name = gold.get("id") or gold.get("input") or article.id
    published = article.published.value if article.published else None

    def at(words: str) -> tuple[int, int]:
        return _locate(text, folded, words) or (-1, -1)

    def tally(kind: str, found: object, what: str) -> bool:
        scores.count(kind + "s", lang, tp=int(found is not None), fn=int(found is None))
        if found is None:
            scores.error(name, kind, "missed", what)
        return found is not None

    dates, extra_dates = _pair(
        gold.get("dates", []), article.times, lambda g, t: _overlaps(at(g["text"]), (t.start, t.end))
    )
    for g, t in dates:
        scores.exact["date_gold"] += 1
        if g.get("value") and _dateparser_value(g["text"], lang, published) == g["value"]:
            scores.exact["dateparser_exact"] += 1
        if not tally("date", t, g["text"]) or t is None:
            continue
        scores.exact["date_found"] += 1
        value = t.value[:10] if t.value else None
        right = value == g.get("value") and (not g.get("until") or (t.until or "")[:10] == g["until"])
        scores.exact["date_exact"] += int(right)
        if not right:
            scores.error(name, "date", f"normalised {value}..{t.until}, gold {g.get('value')}", g["text"])
    for t in extra_dates:
        scores.count("dates", lang, fp=1)
        scores.error(name, "date", "not in gold", t.text)
    scores.exact["invented"] += sum(1 for t in article.times if published is None and t.relative and t.value)

    events, extra_events = _pair(
        gold.get("events", []),
        article.events,
        lambda g, e: e.type == g["type"] and e.start <= at(g["evidence"])[0] < e.end,
    )
    for g, e in events:
        if not tally("event", e, f"{g['type']}: {g['evidence']}") or e is None:
            continue
        scores.exact["event_found"] += 1
        if e.modality == g.get("modality", "asserted"):
            scores.exact["modality_ok"] += 1
        else:
            scores.error(name, "event", f"modality {e.modality}, gold {g.get('modality')}", g["evidence"])
    for e in extra_events:
        scores.count("events", lang, fp=1)
        scores.error(name, "event", f"not in gold: {e.type}", text[e.start : e.end])
    scores.exact["bad_offsets"] += sum(
        1 for e in article.events if not (0 <= e.start <= e.trigger_start < e.trigger_end <= e.end <= len(text))
    )

    quotes, extra_quotes = _pair(
        gold.get("quotes", []), article.quotes, lambda g, q: _overlaps(at(g["text"]), (q.start, q.end))
    )
    for g, q in quotes:
        if not tally("quote", q, g["text"]) or q is None:
            continue
        said_by = text[q.speaker[0] : q.speaker[1]] if q.speaker else None
        if g.get("speaker") or said_by:  # a named speaker where the text names none is wrong too
            scores.exact["speaker_gold"] += 1
            if g.get("speaker") and said_by and _same_name(said_by, g["speaker"]):
                scores.exact["speaker_ok"] += 1
            else:
                scores.error(name, "quote", f"speaker {said_by}, gold {g.get('speaker')}", g["text"])
    for q in extra_quotes:
        scores.count("quotes", lang, fp=1)
        scores.error(name, "quote", "not in gold", text[q.start : q.end])

    # citations
    predicted = {c.outlet for c in article.citations}
    for outlet in gold.get("citations", []):
        if any(_same_name(outlet, p) for p in predicted):
            scores.count("citations", lang, tp=1)
        else:
            scores.count("citations", lang, fn=1)
            scores.error(name, "citation", "missed", outlet)
    for p in predicted:
        if not any(_same_name(outlet, p) for outlet in gold.get("citations", [])):
            scores.count("citations", lang, fp=1)
            scores.error(name, "citation", "not in gold", p)


def _gold_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def evaluate(gold: Path, settings: Settings, base: Path | None = None) -> dict[str, Any]:
    """Scores over every gold file in ``gold`` (a folder or one file); input paths relative to ``base``."""
    base = base or Path.cwd()
    pipeline = Pipeline.from_settings(settings)
    scores = FactScores()
    articles = 0
    for path in _gold_files(gold):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if "input" in item:
                docs = [d for d in read_all([str(base / item["input"])], settings) if isinstance(d, RawDoc)]
            else:
                hints = {"published": item["published"]} if item.get("published") else {}
                docs = [RawDoc(source=item["id"], text=item["text"], format="text", hints=hints)]
            result = pipeline.run_one(docs[0]) if docs else None
            if not isinstance(result, Article):
                raise ValueError(f"{path}: gold article {item.get('id') or item.get('input')} could not be read")
            score(result, item, scores)
            articles += 1
    if not articles:
        raise ValueError(f"{gold}: no gold articles (one JSON object per line in *.jsonl files)")
    return {"articles": articles, **scores.report()}


def evaluate_ronec_dates(path: Path, language: str = "ro") -> dict[str, Any]:
    """Date detection against RONEC's DATETIME spans (overlap), a check on text nobody here wrote.

    RONEC also marks durations and frequencies ("26 de ani", "trei ore") as DATETIME, which are not
    points on the calendar and which newsweave does not look for: recall here is a floor.
    """
    import gzip

    from newsweave.facts.dates import find_dates

    prf = PRF()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            gold = [(e["start"], e["end"]) for e in doc["entities"] if e["label"] == "DATETIME"]
            found = [(t.start, t.end) for t in find_dates(doc["text"], language, None)]
            prf.tp += sum(1 for f in found if any(_overlaps(f, g) for g in gold))
            prf.fp += sum(1 for f in found if not any(_overlaps(f, g) for g in gold))
            prf.fn += sum(1 for g in gold if not any(_overlaps(f, g) for f in found))
    return prf.as_dict()
