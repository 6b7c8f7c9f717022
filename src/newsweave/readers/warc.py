"""WARC archives (Common Crawl's CC-NEWS among them), read as a stream with warcio.

Records are read one at a time from the open file, so memory does not grow with the archive. A
truncated archive keeps the records read before the break and reports the break as a problem.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsweave.errors import InputError
from newsweave.model import Problem, RawDoc
from newsweave.readers.base import Input, Reader
from newsweave.readers.decode import decode
from newsweave.readers.htmltext import extract_article
from newsweave.readers.inflate import GzipBreak, inflate

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class WarcReader(Reader):
    name = "warc"
    extensions = (".warc", ".warc.gz", ".arc", ".arc.gz")

    def sniff(self, head: bytes) -> float:
        return 1.0 if head.startswith(b"WARC/") else 0.0

    def read(self, item: Input) -> Iterator[RawDoc | Problem]:
        limit = self.settings.limits.max_records_per_file
        max_bytes = self.settings.limits.max_file_bytes
        seen = 0
        with item.open() as stream:
            try:
                for record in ArchiveIterator(stream):
                    if record.rec_type not in ("response", "resource"):
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    where = f"{item.source}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
                    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or (
                        record.rec_headers.get_header("Content-Type") or ""
                    )
                    if not any(t in ctype.lower() for t in _HTML_TYPES):
                        continue
                    seen += 1
                    if seen > limit:
                        yield Problem(
                            item.source, "read", f"stopped after {limit:,} records (limits.max_records_per_file)"
                        )
                        return
                    payload = record.content_stream().read(max_bytes + 1)
                    if len(payload) > max_bytes:
                        yield Problem(where, "read", f"record larger than {max_bytes:,} bytes; skipped")
                        continue
                    try:
                        html = decode(payload)
                        text, hints = extract_article(html, url, self.settings.limits.extract_timeout_s)
                    except InputError as exc:
                        yield Problem(where, "read", str(exc))
                        continue
                    hints.setdefault("url", url)
                    crawled = record.rec_headers.get_header("WARC-Date")
                    if crawled:
                        hints.setdefault("extra", {})["crawled"] = crawled
                    yield RawDoc(source=where, text=text, format=self.name, raw=html, hints=hints)
            except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
                yield Problem(item.source, "read", f"truncated or malformed WARC after {seen} records: {exc}")
            except Exception as exc:  # noqa: BLE001 - warcio fails on broken headers with arbitrary errors
                yield Problem(
                    item.source,
                    "read",
                    f"truncated or malformed WARC after {seen} records: {type(exc).__name__}: {exc}",
                )
            else:
                broken = _gzip_break(item)
                if broken:  # warcio ends quietly when the last gzip member is cut short
                    yield Problem(item.source, "read", f"truncated WARC after {seen} records: {broken}")


def _gzip_break(item: Input) -> str | None:
    """Why a gzipped input does not end with a whole gzip member, or None (also for plain input);
    decompresses into nothing, a chunk at a time: constant memory at any size."""
    with item.open() as stream:
        if stream.read(2) != b"\x1f\x8b":
            return None
    with item.open() as stream:
        try:
            for _ in inflate(stream):
                pass
        except GzipBreak as exc:
            return str(exc)
    return None
