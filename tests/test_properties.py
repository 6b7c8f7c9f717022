"""No crash on any input: every reader, sniffed or forced, on arbitrary bytes, and the whole ingest path.

Each input ends as documents or ``Problem`` records, never as an exception that would stop a batch.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsweave.config import load_settings
from newsweave.errors import InputError
from newsweave.model import Problem, RawDoc
from newsweave.readers import build_readers, read_input
from newsweave.readers.base import Input
from newsweave.readers.decode import decode
from newsweave.service import NewsWeave

SETTINGS = load_settings(environ={})
READERS = build_readers(SETTINGS)
PREFIXES = [
    b"",
    b"\x1f\x8b",
    b"WARC/1.0\r\n",
    b"<rss>",
    b"<?xml version='1.0'?><feed>",
    b"<html>",
    b"{",
    b"[",
    b"title,text\n",
    b" date 2024-01-01 ",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


@hsettings(max_examples=400, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=600))
def test_sniffed_reading_never_raises(prefix: bytes, data: bytes) -> None:
    for item in read_input(Input("fuzz", data=prefix + data), READERS, SETTINGS):
        assert isinstance(item, RawDoc | Problem)
        if isinstance(item, Problem):
            assert item.source.startswith("fuzz") and item.reason


@hsettings(max_examples=150, deadline=None)
@given(st.sampled_from(range(len(READERS))), st.binary(max_size=400))
def test_each_reader_forced_on_any_bytes(index: int, data: bytes) -> None:
    reader = READERS[index]
    try:
        items = list(reader.read(Input("forced", data=data)))
    except InputError:  # the one error a reader may raise; anything else fails the test
        return
    assert all(isinstance(i, RawDoc | Problem) for i in items)


@hsettings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decode_returns_text_or_says_why(data: bytes) -> None:
    try:
        assert isinstance(decode(data), str)
    except InputError as exc:
        assert str(exc)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXT, min_size=1, max_size=4))
def test_ingest_any_text(tmp_path: Path, texts: list[str]) -> None:
    """The whole path: readers, every stage, dedup and the store, on arbitrary text."""
    db = tmp_path / "p.db"
    docs = [RawDoc(source=f"t{i}", text=t, format="text") for i, t in enumerate(texts)]
    with NewsWeave(load_settings(overrides={"db": str(db)}, environ={})) as nw:
        report = nw.ingest_docs(docs)
        assert len(report.added) + len(report.exact_duplicates) + len(report.problems) + len(report.unchanged) == len(
            docs
        )
        assert nw.store.integrity_check() == []
