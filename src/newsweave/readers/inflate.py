"""Gzip streams read member by member, a chunk at a time, saying where and why they break.

Python's ``gzip`` raises at a truncated end and gives nothing of what came before it; archives are
often cut short (an interrupted download) and what precedes the cut is still good. ``inflate`` yields
the decompressed bytes as they come and raises ``GzipBreak`` only at the break.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO


class GzipBreak(Exception):
    """The stream ends inside a gzip member, or holds bytes that are not gzip."""


def inflate(stream: BinaryIO, chunk: int = 1 << 20) -> Iterator[bytes]:
    """Decompressed data of concatenated gzip members, at most ``chunk`` bytes at a time."""
    inflater, fed = zlib.decompressobj(31), False  # fed: the current member has had input
    buffer = b""
    while True:
        if not buffer:
            buffer = stream.read(chunk)
            if not buffer:
                if fed:
                    raise GzipBreak("truncated gzip: the data after the break is lost")
                return
        try:
            data = inflater.decompress(buffer, chunk)
        except zlib.error as exc:
            raise GzipBreak(f"corrupt gzip: {exc}") from exc
        fed = True
        if data:
            yield data
        if inflater.eof:  # one member done; concatenated members continue
            buffer = inflater.unused_data
            inflater, fed = zlib.decompressobj(31), False
        else:
            buffer = inflater.unconsumed_tail
