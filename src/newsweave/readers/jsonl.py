"""JSON Lines (one article object per line) and JSON arrays of article objects."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsweave.errors import InputError
from newsweave.model import Problem, RawDoc
from newsweave.readers.base import Input, Reader
from newsweave.readers.decode import decode
from newsweave.readers.records import record_to_doc


class JsonlReader(Reader):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson", ".json")

    def sniff(self, head: bytes) -> float:
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped.startswith(b"["):
            return 0.6
        if not stripped.startswith(b"{"):
            return 0.0
        first = stripped.split(b"\n", 1)[0]
        try:
            return 0.95 if isinstance(json.loads(first), dict) else 0.0
        except ValueError:
            return 0.5  # may be one pretty-printed object, or a first line that is broken

    def read(self, item: Input) -> Iterator[RawDoc | Problem]:
        text = decode(item.read_all(self.settings.limits.max_file_bytes))
        limit = self.settings.limits.max_records_per_file
        if text.lstrip().startswith("["):
            try:
                records = json.loads(text)
            except ValueError as exc:
                raise InputError(f"invalid JSON array: {exc}") from exc
            except RecursionError as exc:
                raise InputError("JSON nested too deeply") from exc
            lines: list[tuple[int, object]] = list(enumerate(records, 1))
            yield from self._docs(item, lines[:limit], "item")
            return
        count = 0
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            if count >= limit:
                yield Problem(item.source, "read", f"stopped after {limit:,} records (limits.max_records_per_file)")
                break
            count += 1
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield Problem(f"{item.source}:{number}", "read", f"line {number}: invalid JSON: {exc}")
                continue
            except RecursionError:
                yield Problem(f"{item.source}:{number}", "read", f"line {number}: JSON nested too deeply")
                continue
            yield from self._docs(item, [(number, record)], "line")

    def _docs(self, item: Input, records: list[tuple[int, object]], unit: str) -> Iterator[RawDoc | Problem]:
        for number, record in records:
            where = f"{item.source}:{number}"
            if not isinstance(record, dict):
                yield Problem(where, "read", f"{unit} {number}: expected a JSON object, got {type(record).__name__}")
                continue
            try:
                yield record_to_doc(record, self.settings.fields, where, self.name)
            except InputError as exc:
                yield Problem(where, "read", f"{unit} {number}: {exc}")
