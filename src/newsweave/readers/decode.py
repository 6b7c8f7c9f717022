"""Bytes to text, refusing what is not text.

News arrives in every encoding (cp1250 for Polish, cp1257 for Baltic, UTF-16 exports from Windows
tools). We trust a BOM first, then strict UTF-8 (the overwhelming case, and a cheap exact test), and only
then ask charset-normalizer, whose guesses on short inputs can be wrong — hence the later checks.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsweave.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Control characters that never appear in real text; tab, newline, CR and form feed do.
_BAD_CONTROLS = {chr(c) for c in range(32) if c not in (9, 10, 12, 13)} | {"\x7f"}


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32 text mean a binary file (images, PDFs, archives)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in head


def decode(data: bytes) -> str:
    """Decode ``data`` to str or raise ``InputError`` saying why it is not text."""
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} text after its byte-order mark: {exc.reason}") from exc
    if looks_binary(data):
        raise InputError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data[:200_000]).best()
        if best is None or best.encoding is None:
            raise InputError("undecodable: not UTF-8 and no known encoding fits") from None
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"undecodable: not UTF-8, and not {best.encoding} either") from exc
    controls = sum(1 for ch in text[:20_000] if ch in _BAD_CONTROLS)
    if controls > max(3, len(text[:20_000]) // 100):
        raise InputError("binary file (control characters), not text")
    return text
