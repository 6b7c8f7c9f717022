"""What is learned with a tagger travels beside it, one JSON file per kind: ``X.crfsuite`` →
``X.baseforms.json``, ``X.people.json``, ``X.demonyms.json``.

A model trained before a kind existed has no such file and reads it as empty, so an older model keeps
working with what it has. Files are read once per version (path and modification time): every stage
instance shares them, and a model retrained in place is read again.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

BASEFORMS = "baseforms"
PEOPLE = "people"
DEMONYMS = "demonyms"


def artifact_path(model: Path, kind: str) -> Path:
    return model.with_suffix(f".{kind}.json")


def read_artifact(path: Path) -> Any:
    """The file's JSON, or None where there is no file. Callers must not change what they get."""
    try:
        version = path.stat().st_mtime_ns
    except OSError:
        return None
    return _read(path, version)


@cache
def _read(path: Path, version: int) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
