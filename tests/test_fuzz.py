"""Mutation fuzzing with a fixed budget: 10,000 broken variants of well-formed inputs of every format.

Random bytes (tests/test_properties.py) rarely get past a reader's first check; variants of real files
do: a feed with one byte flipped, a WARC cut mid-record, a JSONL line spliced into HTML, UTF-16 cut at an
odd byte. Each variant goes through format sniffing and reading, and every document read through the
per-article stages. Nothing may raise, every problem must name its input and say why, and no problem may
be an "internal error" (a reader or stage that failed in a way nobody anticipated). The counts are shown
in the test summary (conftest.py) so each CI run records them.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsweave.config import load_settings
from newsweave.model import Problem, RawDoc
from newsweave.pipeline import Pipeline
from newsweave.readers import build_readers, read_input
from newsweave.readers.base import Input

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 10_000
SETTINGS = load_settings(environ={}, overrides={"limits": {"article_timeout_s": 20, "extract_timeout_s": 10}})
READERS = build_readers(SETTINGS)
PIPELINE = Pipeline.from_settings(SETTINGS)
#: Shown by conftest.py at the end of the run.
COUNTS: Counter[str] = Counter()

_TEXT = (ROOT / "examples" / "seeds").iterdir().__next__().read_text(encoding="utf-8")[:1500]
_PARA = "The council approved the budget on Monday after a debate, the mayor of Springfield said."


def _seeds() -> list[bytes]:
    html = (ROOT / "tests" / "inputs" / "pages" / "es_economia.html").read_bytes()[:6000]
    jsonl = "\n".join(json.dumps({"text": f"{_PARA} ({i})", "title": f"T{i}", "date": "2025-03-0{i}"}) for i in (1, 2))
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Budget</title>'
        f"<link>https://example.org/a</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><description>{_PARA}"
        "</description></item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>Budget</title>'
        f"<updated>2025-03-03T10:00:00Z</updated><content type='html'>&lt;p&gt;{_PARA}&lt;/p&gt;</content>"
        "</entry></feed>"
    )
    body = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>{_PARA}</p><p>{_PARA}</p></body></html>"
    warc = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/w\r\n"
        "WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}\r\n\r\n"
    ).encode()
    csv = f'title,text,date\n"Budget","{_PARA}",2025-03-03\n"Roads","{_PARA} Roads.",2025-03-04\n'
    return [
        _TEXT.encode(),
        _TEXT.encode("utf-16"),
        f" date 2025-03-03 Budget vote en\n{_PARA}\n\n{_PARA}".encode(),
        html,
        jsonl.encode(),
        gzip.compress(jsonl.encode()),
        rss.encode(),
        atom.encode(),
        warc,
        gzip.compress(warc),
        csv.encode(),
        f"[{json.dumps({'text': _PARA})}]".encode(),
    ]


SEEDS = _seeds()
SPECIAL = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    "\u200b\u202e\u2066".encode(),
    b"<",
    b"&",
    b'"',
    b"\\",
    b"\r\n",
    b"]]>",
    b"<!--",
]

_op = st.tuples(
    st.sampled_from(["flip", "cut", "insert", "delete", "repeat", "special", "splice"]),
    st.floats(0, 1, allow_nan=False),
    st.binary(max_size=24),
    st.integers(1, 40),
)


def _mutate(data: bytes, ops: list[tuple[str, float, bytes, int]]) -> bytes:
    for op, where, payload, n in ops:
        at = int(where * len(data))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 + n % 255)]) + data[at + 1 :]
        elif op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + payload + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + n :]
        elif op == "repeat":
            data = data[:at] + data[at : at + 16] * n + data[at:]
        elif op == "special":
            data = data[:at] + SPECIAL[n % len(SPECIAL)] + data[at:]
        elif op == "splice":
            other = SEEDS[n % len(SEEDS)]
            data = data[:at] + other[int(where * len(other)) :]
    return data


@hsettings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(range(len(SEEDS))), st.lists(_op, min_size=1, max_size=4))
def test_mutated_inputs_end_as_documents_or_named_problems(seed: int, ops: list[tuple[str, float, bytes, int]]) -> None:
    data = _mutate(SEEDS[seed], ops)
    source = f"fuzz/{COUNTS['inputs']}"
    COUNTS["inputs"] += 1
    for item in read_input(Input(source, data=data), READERS, SETTINGS):
        if isinstance(item, Problem):
            COUNTS["read problems"] += 1
            assert item.source.startswith(source) and item.reason, item
            assert "internal error" not in item.reason, item
            continue
        assert isinstance(item, RawDoc)
        COUNTS["documents"] += 1
        result = PIPELINE.run_one(item)
        if isinstance(result, Problem):
            COUNTS["stage problems"] += 1
            assert result.source.startswith(source) and result.reason, result
            assert "internal error" not in result.reason, result
        else:
            COUNTS["articles"] += 1
            assert all(0 <= p.start <= p.end <= len(result.text) for p in result.paragraphs)
            assert all(0 <= m.start < m.end <= len(result.text) for m in result.mentions)
