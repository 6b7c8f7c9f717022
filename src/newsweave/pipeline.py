"""Build the per-article stages from settings and run them over documents.

Building checks the order first (every field a stage requires must be provided by an earlier stage or
by the reader), so a misconfigured pipeline fails before reading any input, naming stage and field.
Running turns any exception in a stage into a ``Problem`` for that document; ``strict`` re-raises.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from newsweave import registry
from newsweave.config import Settings
from newsweave.deadline import TimeLimitExceeded, time_limit
from newsweave.errors import ConfigError, NewsweaveError
from newsweave.model import Article, Problem, RawDoc
from newsweave.stages.base import Stage

#: Fields an Article has as soon as it is made from a RawDoc.
FROM_READER = ("source", "raw", "extracted", "format", "hints", "raw_hash")


def raw_hash(doc: RawDoc) -> str:
    """Identity of an input document as read, for 'seen this exact input already' checks."""
    hints = json.dumps(doc.hints, sort_keys=True, ensure_ascii=False, default=str)
    payload = "\x1f".join((doc.format, doc.text, hints))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _field_sizes(hints: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, int]]:
    """Each metadata field's size in characters (nested values by dotted name)."""
    for key, value in hints.items():
        if isinstance(value, dict):
            yield from _field_sizes(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", len(value) if isinstance(value, str) else len(json.dumps(value, default=str))


def article_from(doc: RawDoc) -> Article:
    raw = doc.raw if doc.raw is not None else doc.text
    return Article(
        source=doc.source, raw=raw, extracted=doc.text, format=doc.format, hints=dict(doc.hints), raw_hash=raw_hash(doc)
    )


def build_stages(settings: Settings) -> list[Stage]:
    stages: list[Stage] = []
    available = set(FROM_READER)
    for name in settings.pipeline:
        cls = registry.load("stages", name)
        missing = [f for f in cls.requires if f not in available]
        if missing:
            raise ConfigError(
                f"stage {name!r} needs {', '.join(missing)}, which no earlier stage provides; "
                f"pipeline order is {' → '.join(settings.pipeline)}"
            )
        try:
            options = cls.Options.model_validate(settings.stages.get(name, {}))
        except ValidationError as exc:
            raise ConfigError(f"stages.{name}: {exc}") from exc
        stages.append(cls(options))
        available.update(cls.provides)
    if "id" not in available:
        raise ConfigError("the pipeline must end with a stage that provides 'id' (fingerprint)")
    return stages


@dataclass(slots=True)
class Pipeline:
    stages: list[Stage]
    strict: bool = False
    max_chars: int = 2_000_000

    max_field_chars: int = 20_000
    timeout_s: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        limits = settings.limits
        return cls(
            build_stages(settings),
            settings.strict,
            limits.max_article_chars,
            limits.max_field_chars,
            limits.article_timeout_s,
        )

    def run_one(self, doc: RawDoc) -> Article | Problem:
        if len(doc.text) > self.max_chars:
            return Problem(
                doc.source,
                "read",
                f"text too long: {len(doc.text):,} characters (limit {self.max_chars:,}; see limits.max_article_chars)",
            )
        for name, size in _field_sizes(doc.hints):
            if size > self.max_field_chars:
                return Problem(
                    doc.source,
                    "read",
                    f"field {name!r} too long: {size:,} characters (limit {self.max_field_chars:,}; "
                    "see limits.max_field_chars)",
                )
        article = article_from(doc)
        stage = self.stages[0]
        try:
            with time_limit(self.timeout_s, "the article's stages"):
                for stage in self.stages:
                    try:
                        article = stage(article)
                    except NewsweaveError as exc:
                        if self.strict:
                            raise
                        return Problem(doc.source, stage.name, str(exc))
                    except Exception as exc:
                        if self.strict:
                            raise
                        return Problem(doc.source, stage.name, f"internal error: {type(exc).__name__}: {exc}")
        except TimeLimitExceeded as exc:
            return Problem(doc.source, stage.name, f"{exc}, stopped in stage {stage.name} (limits.article_timeout_s)")
        return article

    def run(self, docs: Iterable[RawDoc | Problem]) -> Iterator[Article | Problem]:
        for doc in docs:
            yield doc if isinstance(doc, Problem) else self.run_one(doc)
