"""Expand what the user named (files, folders, ``-`` for stdin, http(s) URLs) into ``Input`` items.

Folders are walked recursively in sorted order so that runs are reproducible; hidden files and folders
(``.git``, editor swap files) are skipped. A missing path is a problem, not a crash.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsweave.config import Settings
from newsweave.model import Problem
from newsweave.readers.base import Input

USER_AGENT = "newsweave/0.1 (+https://example.invalid/newsweave)"


def _fetch(url: str, settings: Settings) -> Input | Problem:
    limit = settings.limits.max_file_bytes
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=settings.limits.fetch_timeout_s) as response:
            data = response.read(limit + 1)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        return Problem(url, "read", f"cannot fetch: {exc}")
    if len(data) > limit:
        return Problem(url, "read", f"too large: over {limit:,} bytes (limits.max_file_bytes)")
    return Input(source=url, data=data)


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, recursively, sorted, hidden ones skipped."""
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from walk(child)
        elif child.is_file():
            yield child


def expand(targets: Iterable[str], settings: Settings, stdin: bytes | None = None) -> Iterator[Input | Problem]:
    for target in targets:
        if target == "-":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            yield Input(source="<stdin>", data=data)
        elif target.startswith(("http://", "https://")):
            yield _fetch(target, settings)
        else:
            path = Path(target)
            if path.is_dir():
                for file in walk(path):
                    yield Input(source=str(file), path=file)
            elif path.is_file():
                yield Input(source=str(path), path=path)
            elif path.exists():
                yield Problem(target, "read", "not a regular file or folder")
            else:
                yield Problem(target, "read", "no such file or folder")
