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


def wide(head: bytes) -> bool:
    """UTF-16 or UTF-32 by its byte-order mark: readers sniff bytes, so such input is made UTF-8 first."""
    return head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
    )  # UTF-32 LE's starts as 16 LE's


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
        text = _mixed(data) or _legacy(data)
    controls = sum(1 for ch in text[:20_000] if ch in _BAD_CONTROLS)
    if controls > max(3, len(text[:20_000]) // 100):
        raise InputError("binary file (control characters), not text")
    return text


_SINGLE_BYTE = ("cp12", "iso8859", "latin", "koi8", "mac_", "cp8", "cp43", "cp85")


def _mixed(data: bytes) -> str | None:
    """Text pasted together from UTF-8 and a legacy encoding: lines that are valid UTF-8 with non-ASCII
    characters prove the file is partly UTF-8, so those stay UTF-8 and only the other lines are
    decoded with the legacy encoding guessed from them. None when no line proves UTF-8."""
    lines = data.split(b"\n")
    utf8: list[str | None] = []
    for line in lines:
        try:
            utf8.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            utf8.append(None)
    if not any(text is not None and not text.isascii() for text in utf8):
        return None
    rest = b"\n".join(line for line, text in zip(lines, utf8, strict=True) if text is None)
    # a few short lines mislead a guesser towards multi-byte Asian encodings: pasted-in text is European
    # far more often, so the best single-byte guess wins, else Windows-1252
    guesses = [m.encoding for m in from_bytes(rest[:200_000]) if m.encoding]
    encoding = next((g for g in guesses if g.startswith(_SINGLE_BYTE)), "cp1252")
    out = []
    for line, text in zip(lines, utf8, strict=True):
        out.append(text if text is not None else line.decode(encoding, errors="replace"))
    return "\n".join(out)


def _legacy(data: bytes) -> str:
    """One legacy encoding for the whole input, as charset-normalizer guesses it."""
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("undecodable: not UTF-8 and no known encoding fits")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"undecodable: not UTF-8, and not {best.encoding} either") from exc
