"""Map one structured record (a JSONL object, a CSV row) to a ``RawDoc`` through a field map.

Dumps name their fields differently (news-please's ``maintext``/``date_publish``, CC-NEWS exports,
hand-made CSVs); the ``FieldMap`` in settings lists the accepted names per field, first present wins,
and every field we do not map is kept as free metadata.
"""

from __future__ import annotations

import json
from typing import Any

from newsweave.config import FieldMap
from newsweave.errors import InputError
from newsweave.model import RawDoc
from newsweave.readers.htmltext import fragment_to_text


def _pick(record: dict[str, Any], names: list[str]) -> tuple[str | None, Any]:
    lowered = {str(k).lower(): k for k in record}
    for name in names:
        key = lowered.get(name.lower())
        if key is not None and record[key] not in (None, "", []):
            return key, record[key]
    return None, None


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value)


def record_to_doc(record: dict[str, Any], fields: FieldMap, source: str, fmt: str) -> RawDoc:
    """Build a RawDoc from a record; raise ``InputError`` if it has no text field."""
    used: set[str] = set()
    text_key, text = _pick(record, fields.text)
    if text_key is None or not str(text).strip():
        names = ", ".join(fields.text)
        raise InputError(f"record has no text (looked for fields: {names}; map yours with --field text=NAME)")
    used.add(text_key)
    body = str(text)
    if body.lstrip().startswith("<"):
        body = fragment_to_text(body)
    hints: dict[str, Any] = {}
    for name in ("title", "published", "url", "outlet", "byline", "language", "label"):
        key, value = _pick(record, getattr(fields, name))
        if key is not None:
            used.add(key)
            hints[name] = _as_text(value)
    if "published" in hints:
        hints["published_method"] = "field"
    extra = {str(k): v for k, v in record.items() if k not in used}
    if extra:
        hints["extra"] = extra
    raw = json.dumps(record, ensure_ascii=False, default=str)
    return RawDoc(source=source, text=body, format=fmt, raw=raw, hints=hints)
