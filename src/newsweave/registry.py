"""The one explicit table of built-in parts: name -> "module:Class".

Nothing registers itself on import; third-party packages add parts through the entry-point groups
``newsweave.readers`` and ``newsweave.stages``. Parts are imported only when used, so a missing
optional dependency fails when the pipeline is built, naming the extra to install.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import Any

from newsweave.errors import ConfigError

READERS: dict[str, str] = {
    "warc": "newsweave.readers.warc:WarcReader",
    "feed": "newsweave.readers.feed:FeedReader",
    "jsonl": "newsweave.readers.jsonl:JsonlReader",
    "html": "newsweave.readers.html:HtmlReader",
    "csv": "newsweave.readers.csvfile:CsvReader",
    "text": "newsweave.readers.text:TextReader",
}

STAGES: dict[str, str] = {
    "text": "newsweave.stages.text:TextStage",
    "clean": "newsweave.stages.clean:CleanStage",
    "meta": "newsweave.stages.meta:MetaStage",
    "language": "newsweave.stages.language:LanguageStage",
    "fingerprint": "newsweave.stages.fingerprint:FingerprintStage",
    "mentions": "newsweave.stages.mentions:MentionStage",
    "dates": "newsweave.stages.facts:DateStage",
    "events": "newsweave.stages.facts:EventStage",
    "quotes": "newsweave.stages.facts:QuoteStage",
    "citations": "newsweave.stages.facts:CitationStage",
    "embed": "newsweave.stages.embed:EmbedStage",
}


def _table(kind: str, builtin: dict[str, str]) -> dict[str, str]:
    table = dict(builtin)
    for ep in entry_points(group=f"newsweave.{kind}"):
        table.setdefault(ep.name, ep.value)
    return table


def load(kind: str, name: str) -> Any:
    """Import the class registered as ``name`` in ``kind`` ("readers" or "stages")."""
    table = _table(kind, READERS if kind == "readers" else STAGES)
    if name not in table:
        raise ConfigError(f"unknown {kind[:-1]} {name!r}; known: {', '.join(sorted(table))}")
    module_name, _, attr = table[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(
            f"{kind[:-1]} {name!r} needs a package that is not installed ({exc.name}); "
            f"try: pip install 'newsweave[{name}]'"
        ) from exc
    return getattr(module, attr)


def names(kind: str) -> list[str]:
    return list(_table(kind, READERS if kind == "readers" else STAGES))
