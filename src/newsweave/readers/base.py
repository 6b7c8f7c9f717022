"""The reader contract: sniff a format from content, then turn bytes into ``RawDoc`` records.

Readers are chosen by content, not by file extension, because news dumps are routinely misnamed
(``.txt`` HTML pages, ``.json`` JSONL, extension-less feeds). The extension only breaks ties.
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.model import Problem, RawDoc


@dataclass(slots=True)
class Input:
    """One input: a name a person recognises (path, URL, ``<stdin>``) and where its bytes are.

    Files stay on disk until a reader opens them, so a streaming reader (WARC) never holds a whole
    multi-gigabyte file in memory; stdin and URLs arrive as bytes.
    """

    source: str
    path: Path | None = None
    data: bytes | None = None

    def open(self) -> BinaryIO:
        if self.path is not None:
            return self.path.open("rb")
        return io.BytesIO(self.data or b"")

    def read_all(self, limit: int) -> bytes:
        """All bytes, refusing inputs over ``limit`` before reading them."""
        if self.size() > limit:
            raise InputError(f"too large: {self.size():,} bytes (limit {limit:,}; see limits.max_file_bytes)")
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def size(self) -> int:
        if self.path is not None:
            return self.path.stat().st_size
        return len(self.data or b"")

    def head(self, n: int = 65536) -> bytes:
        with self.open() as fh:
            return fh.read(n)


class Reader(ABC):
    """A format. ``sniff`` scores how sure it is that ``head`` is its format (0 = not mine, 1 = certain)."""

    name: str = ""
    extensions: tuple[str, ...] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @abstractmethod
    def sniff(self, head: bytes) -> float: ...

    @abstractmethod
    def read(self, item: Input) -> Iterator[RawDoc | Problem]:
        """Yield documents; a bad record inside a good file yields a ``Problem`` and reading goes on."""
