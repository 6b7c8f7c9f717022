"""What is learned with a tagger travels beside it, one JSON file per kind: ``X.crfsuite`` →
``X.baseforms.json``, ``X.people.json``, ``X.demonyms.json``.

A model trained before a kind existed has no such file and reads it as empty, so an older model keeps
working with what it has. Files are read once per version (path and modification time): every stage
instance shares them, and a model retrained in place is read again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

BASEFORMS = "baseforms"
PEOPLE = "people"
DEMONYMS = "demonyms"


def artifact_path(model: Path, kind: str) -> Path:
    return model.with_suffix(f".{kind}.json")


def read_artifact(path: Path, build: Callable[[Any], Any] | None = None) -> Any:
    """The file's JSON, made into what the caller keeps by ``build`` (once per version too, since the
    mention stage asks for its lists on every article), or None where there is no file. Callers must
    not change what they get."""
    try:
        version = path.stat().st_mtime_ns
    except OSError:
        return None
    return _read(path, version, build)


@cache
def _read(path: Path, version: int, build: Callable[[Any], Any] | None) -> Any:
    data = json.loads(path.read_text(encoding="utf-8"))
    return build(data) if build is not None else data
