"""Readers turn inputs into ``RawDoc`` records; ``read_all`` sniffs each input's format and dispatches."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from newsweave import registry
from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.model import Problem, RawDoc
from newsweave.readers.base import Input, Reader
from newsweave.readers.decode import decode, wide
from newsweave.readers.inflate import GzipBreak, inflate
from newsweave.readers.inputs import expand

__all__ = ["Input", "Reader", "build_readers", "choose", "read_all", "read_input"]

GZIP_MAGIC = b"\x1f\x8b"


def build_readers(settings: Settings) -> list[Reader]:
    return [registry.load("readers", name)(settings) for name in registry.names("readers")]


def choose(readers: list[Reader], head: bytes, source: str) -> Reader:
    """The reader most sure of ``head``; on a tie, the one whose extension matches ``source``."""
    lowered = source.lower()

    def score(reader: Reader) -> tuple[float, bool]:
        ext_match = any(lowered.endswith(ext) for ext in reader.extensions if ext)
        return reader.sniff(head), ext_match

    return max(readers, key=score)


def _gunzip(item: Input, limit: int) -> tuple[Input, str | None]:
    """The decompressed input, and why it stops early when the gzip is cut short or corrupt: what
    came before the break is kept (a truncated JSONL dump keeps its whole lines)."""
    out = bytearray()
    broken = None
    with item.open() as stream:
        try:
            for data in inflate(stream):
                out += data
                if len(out) > limit:
                    raise InputError(f"too large once decompressed: over {limit:,} bytes (limits.max_file_bytes)")
        except GzipBreak as exc:
            broken = str(exc)
    if broken and not out:
        raise InputError(broken)
    source = item.source[:-3] if item.source.endswith(".gz") else item.source
    return Input(source=source, data=bytes(out)), broken


def read_input(item: Input, readers: list[Reader], settings: Settings) -> Iterator[RawDoc | Problem]:
    """All documents of one input; every failure becomes a ``Problem`` naming the input and reason."""
    broken = None
    try:
        head = item.head()
        if not head.strip():
            raise InputError("empty file")
        if wide(head):
            item = Input(source=item.source, data=decode(item.read_all(settings.limits.max_file_bytes)).encode())
            head = item.head()
        if head.startswith(GZIP_MAGIC):
            try:
                inner = zlib.decompressobj(47).decompress(head, 8192)
            except zlib.error as exc:
                raise InputError(f"corrupt gzip: {exc}") from exc
            if inner.startswith(b"WARC/"):
                reader = choose(readers, inner, item.source)  # warcio streams the gzip members itself
            else:
                item, broken = _gunzip(item, settings.limits.max_file_bytes)
                head = item.head()
                reader = choose(readers, head, item.source)
        else:
            reader = choose(readers, head, item.source)
        yield from reader.read(item)
        if broken:
            yield Problem(item.source, "read", broken)
    except InputError as exc:
        yield Problem(item.source, "read", str(exc))
    except (OSError, MemoryError, RecursionError) as exc:
        yield Problem(item.source, "read", f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # a reader's bug on one input must not stop the batch (--strict re-raises)
        if settings.strict:
            raise
        yield Problem(item.source, "read", f"internal error in reader: {type(exc).__name__}: {exc}")


def read_all(targets: Iterable[str], settings: Settings, stdin: bytes | None = None) -> Iterator[RawDoc | Problem]:
    readers = build_readers(settings)
    for item in expand(targets, settings, stdin):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_input(item, readers, settings)
