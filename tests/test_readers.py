"""Readers: each format, sniffed from content, and every bad input reported with its reason."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.config import Settings, load_settings
from newsweave.model import Problem, RawDoc
from newsweave.readers import read_all
from newsweave.readers.text import parse_header

BODY = (
    "The city council approved the new budget on Monday after a long debate about schools and roads. "
    "The mayor said the plan would be carried out over three years."
)
HTML = f"""<!doctype html><html><head><title>Budget approved | Town Post</title>
<meta property="og:site_name" content="Town Post"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-05-06T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Budget approved</h1>
<p>{BODY}</p><p>Opposition members voted against it and promised to bring the issue back in the autumn session.</p>
</article><footer>© Town Post</footer></body></html>"""


def _read(
    paths: list[Path | str], settings: Settings, stdin: bytes | None = None
) -> tuple[list[RawDoc], list[Problem]]:
    items = list(read_all([str(p) for p in paths], settings, stdin))
    return [d for d in items if isinstance(d, RawDoc)], [p for p in items if isinstance(p, Problem)]


@pytest.mark.parametrize(
    ("line", "hints", "body"),
    [
        (
            " date 2025-11-30 A short headline here 0",
            {"published": "2025-11-30", "title": "A short headline here", "label": "0"},
            "",
        ),
        (" date 2025-11-30 A short headline here", {"published": "2025-11-30", "title": "A short headline here"}, ""),
        (" date 2025-11-30 7", {"published": "2025-11-30", "label": "7"}, ""),
        (" date 2025-11-30", {"published": "2025-11-30"}, ""),
        (
            "date 2023-07-28 08:01 Title words go here",
            {"published": "2023-07-28T08:01", "title": "Title words go here"},
            "",
        ),
        (" date 2025-12-23 " + BODY, {"published": "2025-12-23"}, BODY),
        ("The first line is prose, not a header.", {}, None),
    ],
)
def test_sample_header(line: str, hints: dict[str, str], body: str | None) -> None:
    got, rest = parse_header(line)
    got.pop("published_text", None)
    assert got == hints
    assert rest == body


def test_plain_text_with_header(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    path = write("a.txt", f" date 2024-01-02 Council approves budget 3\n{BODY}\n")
    docs, problems = _read([path], settings)
    assert not problems and len(docs) == 1
    assert docs[0].hints["title"] == "Council approves budget" and docs[0].hints["label"] == "3"
    assert docs[0].text.strip() == BODY and docs[0].raw.startswith(" date 2024-01-02")


def test_html_main_text_and_metadata(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    docs, problems = _read([write("page.txt", HTML)], settings)  # misnamed on purpose: sniffed, not guessed
    assert not problems
    doc = docs[0]
    assert doc.format == "html" and BODY in doc.text and "Home" not in doc.text
    assert doc.hints["title"] == "Budget approved" and doc.hints["outlet"] == "Town Post"
    assert doc.hints["byline"] == "Jane Roe" and doc.hints["published"].startswith("2024-05-06")


def test_jsonl_mapping_and_bad_lines(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    lines = [
        json.dumps(
            {
                "maintext": BODY,
                "title": "T1",
                "date_publish": "2024-03-01 10:00:00",
                "source_domain": "x.org",
                "topic": "t",
            }
        ),
        "{not json",
        json.dumps({"headline": "no text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"body": BODY + " Second.", "link": "https://y.org/a"}),
    ]
    docs, problems = _read([write("dump.data", "\n".join(lines))], settings)
    assert [d.hints.get("title") for d in docs] == ["T1", None]
    assert docs[0].hints["outlet"] == "x.org" and docs[0].hints["extra"] == {"topic": "t"}
    assert docs[1].hints["url"] == "https://y.org/a"
    reasons = sorted(p.reason for p in problems)
    assert len(problems) == 3
    assert any("invalid JSON" in r for r in reasons) and any("no text" in r for r in reasons)
    assert any("expected a JSON object" in r for r in reasons)
    assert all(":" in p.source for p in problems)  # names the line


def test_json_array(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    docs, problems = _read([write("a.json", json.dumps([{"text": BODY}, {"text": BODY + " More."}]))], settings)
    assert len(docs) == 2 and not problems


def test_csv_and_broken_quoting(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    good = f'title,text,date\n"Budget","{BODY}",2024-02-03\n"Other","{BODY} Again.",2024-02-04\n'
    docs, problems = _read([write("t.csv", good)], settings)
    assert len(docs) == 2 and not problems and docs[0].hints["published"] == "2024-02-03"
    tsv = f"headline\tbody\nA\t{BODY}\n"
    docs, _ = _read([write("t.tsv", tsv)], settings)
    assert docs and docs[0].hints["title"] == "A"
    broken = f'title,text\n"ok","{BODY}"\n"bad,"unclosed\n'
    docs, problems = _read([write("b.csv", broken)], settings)
    assert len(docs) == 1 and problems and "b.csv" in problems[0].source


def test_custom_field_mapping(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = load_settings(overrides={"db": str(tmp_path / "x.db"), "fields": {"text": ["story"]}}, environ={})
    docs, problems = _read([write("m.jsonl", json.dumps({"story": BODY}))], s)
    assert docs and not problems


RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Town Post</title>
<item><title>Budget approved</title><link>https://town.example/budget</link>
<description>&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;Second paragraph of the story.&lt;/p&gt;</description>
<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><author>jane@town.example (Jane Roe)</author></item>
<item><title>Empty</title><description></description></item></channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Atom entry</title><link href="https://a.example/1"/><id>urn:1</id><updated>2024-05-07T08:30:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""
BOMB = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title>
<item><title>x</title><description>&lol2;</description></item></channel></rss>"""


def test_rss_and_atom(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    docs, problems = _read([write("feed.xml", RSS), write("atom", ATOM)], settings)
    assert [d.hints["title"] for d in docs] == ["Budget approved", "Atom entry"]
    rss = docs[0]
    assert rss.hints["outlet"] == "Town Post" and rss.hints["url"] == "https://town.example/budget"
    assert rss.hints["published"] == "2024-05-06T10:00+00:00" and rss.hints["published_method"] == "feed"
    assert "\n\n" in rss.text and "<p>" not in rss.text
    assert docs[1].hints["published"].startswith("2024-05-07T08:30")
    assert len(problems) == 1 and "no text" in problems[0].reason


def test_hostile_feed_refused(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    docs, problems = _read([write("bomb.rss", BOMB)], settings)
    assert not docs and "entities" in problems[0].reason and "bomb.rss" in problems[0].source


def _warc(records: list[tuple[str, str, str]]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()), http_headers=headers)
        )
    return buf.getvalue()


def test_warc_streaming_and_truncation(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    data = _warc(
        [
            ("https://town.example/a", "text/html; charset=utf-8", HTML),
            ("https://town.example/img.png", "image/png", "PNG"),
            ("https://town.example/b", "text/html", HTML.replace("Budget approved", "Budget rejected")),
        ]
    )
    docs, problems = _read([write("cc.warc.gz", data)], settings)
    assert len(docs) == 2 and not problems
    assert docs[0].hints["url"] == "https://town.example/a" and "crawled" in docs[0].hints["extra"]
    assert docs[0].source.endswith("#https://town.example/a")
    docs, problems = _read([write("cut.warc.gz", data[: len(data) * 2 // 3])], settings)
    assert len(docs) >= 1 and problems and "truncated or malformed WARC" in problems[0].reason


def test_gzip_jsonl_and_truncated_gzip(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    packed = gzip.compress(json.dumps({"text": BODY}).encode())
    docs, problems = _read([write("d.jsonl.gz", packed)], settings)
    assert len(docs) == 1 and not problems
    docs, problems = _read([write("cut.jsonl.gz", packed[:-12])], settings)
    assert not docs and "truncated gzip" in problems[-1].reason
    lines = "\n".join(json.dumps({"text": f"{BODY} ({i})"}) for i in range(40)).encode()
    packed = gzip.compress(lines, compresslevel=0)  # stored: the cut falls where we put it
    docs, problems = _read([write("half.jsonl.gz", packed[: len(packed) // 2])], settings)
    assert 15 <= len(docs) < 40  # whole lines before the break are kept
    assert [p.reason for p in problems][-1].startswith("truncated gzip")


def test_folders_recursively_and_stdin(write, settings: Settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("a/one.txt", BODY)
    write("a/b/two.txt", BODY + " Two.")
    write("a/.hidden.txt", BODY + " Hidden.")
    docs, problems = _read([tmp_path / "in" / "a"], settings)
    assert sorted(Path(d.source).name for d in docs) == ["one.txt", "two.txt"] and not problems
    docs, _ = _read(["-"], settings, stdin=BODY.encode())
    assert docs[0].source == "<stdin>"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n ", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50, "binary"),
        (
            "nested.html",
            b"<html><body>" + b"<div>" * 20000 + b"deep " * 50 + b"</div>" * 20000 + b"</body></html>",
            "no article text",
        ),
        ("feed.rss", b"<rss version='2.0'><channel><title>x</title></channel></rss>", "no entries"),
        ("cut.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort", "WARC"),
    ],
)
def test_bad_files_named_with_reason(write, settings: Settings, name: str, content: bytes, reason: str) -> None:  # type: ignore[no-untyped-def]
    docs, problems = _read([write(name, content), write("good.txt", BODY)], settings)
    assert len(docs) == 1, "the batch goes on past the bad file"
    assert len(problems) == 1 and name in problems[0].source and reason in problems[0].reason


def test_missing_path_and_size_limit(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = load_settings(overrides={"db": str(tmp_path / "x.db"), "limits": {"max_file_bytes": 100}}, environ={})
    docs, problems = _read([tmp_path / "nope.txt", write("big.txt", BODY * 3)], s)
    assert not docs
    assert "no such file" in problems[0].reason and "too large" in problems[1].reason


def test_encodings(write, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    polish = (
        "Prezydent USA Joe Biden powiedział, że rozmowy z Rosją będą kontynuowane w przyszłym tygodniu. "
        "Źródło podało, że spotkanie odbędzie się w Warszawie."
    )
    latvian = "Krievijas pozīcija sarunās skanēja šādi. Eiropas valstis baidās, ka Krievija izmantos atvieglojumus."
    files = [
        write("u16.txt", polish.encode("utf-16")),
        write("cp1250.txt", polish.encode("cp1250")),
        write("cp1257.txt", latvian.encode("cp1257")),
        write("bom8.txt", b"\xef\xbb\xbf" + latvian.encode()),
    ]
    docs, problems = _read(files, settings)
    assert not problems
    assert [d.text.strip() for d in docs] == [polish, polish, latvian, latvian]
    german = (
        "Der Stadtrat von Köln hat am Montag einen Haushalt für die Schulen beschlossen, sagte die Bürgermeisterin."
    )
    mixed = write("mixed.txt", german.encode() + b"\n\n" + german.replace("Montag", "Dienstag").encode("cp1252"))
    page = f"<html><head><title>Haushalt</title></head><body><article><p>{german}</p></article></body></html>"
    wide = write("wide.html", page.encode("utf-16"))  # sniffed as HTML once made UTF-8
    docs, problems = _read([mixed, wide], settings)
    assert not problems
    assert docs[0].text.split("\n\n") == [german, german.replace("Montag", "Dienstag")]  # each part its own
    assert docs[1].format == "html" and docs[1].hints["title"] == "Haushalt" and "<" not in docs[1].text


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = RSS.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed"
    server.shutdown()


def test_feed_from_url_on_loopback(feed_url: str, settings: Settings) -> None:
    docs, problems = _read([feed_url], settings)
    assert docs and docs[0].hints["title"] == "Budget approved"
    assert len(problems) == 1  # the empty entry


def test_unreachable_url_is_a_problem(settings: Settings) -> None:
    docs, problems = _read(["http://127.0.0.1:9/none"], settings)
    assert not docs and "cannot fetch" in problems[0].reason
