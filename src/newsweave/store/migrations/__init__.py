"""Numbered SQL migrations per backend: ``NNNN_name.sql``, applied in order, each in its own transaction."""

from __future__ import annotations

import re
from importlib.resources import files

_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def migrations(backend: str) -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every migration of ``backend``, oldest first."""
    folder = files(__package__).joinpath(backend)
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest(backend: str) -> int:
    return max((v for v, _, _ in migrations(backend)), default=0)
