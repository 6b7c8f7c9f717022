"""The CLI as a person and a program use it: output, --json, exit codes, bad input, --help."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsweave import load_settings
from newsweave.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def _run(runner: CliRunner, db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_ingest_list_show(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    code, out = _run(runner, db, "ingest", "-q", str(SEEDS))
    assert code == 0 and "5 added" in out and "0 problems" in out
    code, out = _run(runner, db, "ingest", "-q", str(SEEDS))
    assert code == 0 and "0 added" in out and "5 already ingested" in out
    code, out = _run(runner, db, "articles", "--json")
    rows = json.loads(out)
    assert [r["language"] for r in rows] == ["pl", "lv", "ro", "de", "de"]  # by date, undated last
    code, out = _run(runner, db, "articles", "--lang", "de", "--json")
    assert len(json.loads(out)) == 2
    code, out = _run(runner, db, "articles", "--since", "2025-01-01", "--json")
    assert {r["language"] for r in json.loads(out)} == {"lv", "ro"}
    pl_id = rows[0]["id"]
    code, out = _run(runner, db, "show", pl_id[:6], "--removed")
    assert code == 0 and "Pozostało 89% artykułu" in out and "paywall" in out and "published date line" in out
    code, out = _run(runner, db, "show", pl_id, "--json")
    view = json.loads(out)
    assert view["published"]["value"] == "2023-07-28T08:01" and view["removals"] and "raw" not in view
    assert {"rule", "reason", "text", "position", "moved_to"} <= set(view["removals"][0])
    assert "minhash" not in view and "hints" not in view
    assert view["sources"] and view["paragraphs"][0]["start"] == 0
    code, out = _run(runner, db, "show", "--all", "--json")
    assert len(json.loads(out)) == 5


def test_articles_table_readable(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    _run(runner, db, "ingest", "-q", str(SEEDS))
    code, out = _run(runner, db, "articles")
    assert code == 0 and "5 of 5 articles" in out and "2023-07-28 08:01" in out


def test_bad_files_reported_and_exit_code(runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    bad = write("bad.bin", b"\x00\x01\x02" * 100)
    empty = write("empty.txt", b"")
    good = write("good.txt", "A council approved the plan on Monday after a long debate about roads and schools.")
    code, out = _run(
        runner, tmp_path / "b.db", "ingest", "--json", str(bad), str(empty), str(good), str(tmp_path / "nope")
    )
    report = json.loads(out)
    assert code == 1 and len(report["added"]) == 1 and not report["ok"]
    reasons = {Path(p["source"]).name: p["reason"] for p in report["problems"]}
    assert "binary" in reasons["bad.bin"] and "empty" in reasons["empty.txt"] and "no such file" in reasons["nope"]
    code, out = _run(runner, tmp_path / "b.db", "problems", "--json")
    assert len(json.loads(out)) == 3


def test_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    assert _run(runner, db, "articles", "--since", "yesterday")[0] == 2
    assert _run(runner, db, "ingest", "-f", "nonsense=x", str(SEEDS))[0] == 2
    assert _run(runner, db, "show")[0] == 2
    code, out = _run(runner, db, "show", "deadbeef")
    assert code == 1
    code, out = _run(runner, tmp_path / "no" / "such" / "dir.db", "articles")
    assert code == 2 and "does not exist" in out


def test_field_mapping_option(runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "m.jsonl",
        json.dumps({"story": "The council approved the plan on Monday after a long debate.", "when": "2024-02-03"}),
    )
    code, out = _run(runner, tmp_path / "f.db", "ingest", "-q", "-f", "text=story", "-f", "published=when", str(path))
    assert code == 0, out
    rows = json.loads(_run(runner, tmp_path / "f.db", "articles", "--json")[1])
    assert rows[0]["published"] == "2024-02-03"


def test_stdin(runner: CliRunner, tmp_path: Path) -> None:
    text = "The council approved the plan on Monday after a long debate about the budget of the town."
    result = runner.invoke(app, ["--db", str(tmp_path / "s.db"), "ingest", "-q", "-"], input=text)
    assert result.exit_code == 0 and "1 added" in result.output


def test_check_and_config(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    _run(runner, db, "ingest", "-q", str(SEEDS))
    code, out = _run(runner, db, "check")
    assert code == 0 and "ok" in out
    code, out = _run(runner, db, "config", "show", "--json")
    assert json.loads(out)["db"] == str(db)
    copy = tmp_path / "copy.db"
    code, out = _run(runner, db, "backup", str(copy))
    assert code == 0 and "5 articles copied" in out
    assert _run(runner, copy, "check")[0] == 0 and "5 added" not in _run(runner, copy, "ingest", "-q", str(SEEDS))[1]
    code, out = _run(runner, db, "backup", str(copy))
    assert code == 1 and "exists" in out  # never overwrites


def test_eval_cleaning(runner: CliRunner, tmp_path: Path) -> None:
    root = SEEDS.parent.parent
    gold = root / "tests" / "gold" / "cleaning" / "gold.jsonl"
    code, out = _run(runner, tmp_path / "e.db", "eval", "cleaning", "--gold", str(gold), "--base", str(root), "--json")
    result = json.loads(out)
    assert code == 0 and result["overall"]["precision"] >= 0.97 and len(result["inputs"]) >= 10


def test_help_teaches(runner: CliRunner) -> None:
    out = runner.invoke(app, ["--help"]).output
    for command in ("ingest", "articles", "show", "problems", "check", "config"):
        assert command in out
    ingest_help = runner.invoke(app, ["ingest", "--help"]).output
    assert "WARC" in ingest_help and "--field" in ingest_help


def test_markup_in_articles_and_paths_is_printed_not_interpreted(runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Trump [REUTERS] says [/] talks [bold]went[/bold] well\n\n"
        "The president said on Monday that the talks with the delegation had gone well and would continue.\n\n"
        "Share [/]\n\nThe delegation returns to Geneva on Thursday for another round of talks, officials said.\n"
    )
    good = write("[red]odd name[/].txt", text)
    bad = write("[/]bad.bin", b"\x00\x01" * 50)
    db = tmp_path / "m.db"
    code, out = _run(runner, db, "ingest", str(good), str(bad))
    assert code == 1 and "[/]bad.bin" in out
    code, out = _run(runner, db, "show", "--all", "--removed")
    assert code == 0, out
    assert "Trump [REUTERS] says [/] talks [bold]went[/bold] well" in out.replace("\n", " ").replace("│", "")
    code, out = _run(runner, db, "problems")
    assert code == 0 and "[/]bad.bin" in out


def test_bench_small(runner: CliRunner, tmp_path: Path) -> None:
    """The benchmark runs and reports every stage; its figures are read by people, never asserted."""
    assert _run(runner, tmp_path / "b.db", "bench", "--corpora", str(tmp_path / "none"))[0] != 0  # no such folder
    (tmp_path / "none").mkdir()
    code, out = _run(
        runner,
        tmp_path / "b.db",
        "bench",
        "--articles",
        "30",
        "--corpora",
        str(tmp_path / "none"),
        "--samples",
        str(SEEDS),
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and data["articles"] == 30
    assert set(data["stages_articles_per_s"]) == set(load_settings().pipeline)
    assert set(data["steps"]) == {"dedup", "resolve", "events", "stories"}
    assert data["end_to_end_articles_per_s"] > 0 and data["peak_rss_mb"] > 0


def test_bench_of_articles_of_a_given_length_stages_only(runner: CliRunner, tmp_path: Path) -> None:
    """What the mention stage's target names: articles of 3,000 characters, the stages alone."""
    (tmp_path / "none").mkdir()
    code, out = _run(
        runner,
        tmp_path / "b.db",
        "bench",
        "--articles",
        "12",
        "--article-chars",
        "3000",
        "--stages-only",
        "--corpora",
        str(tmp_path / "none"),
        "--samples",
        str(SEEDS),
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and data["articles"] == 12
    assert 2900 <= data["mean_chars"] <= 3000
    assert data["stages_articles_per_s"]["mentions"] > 0
    assert data["end_to_end_articles_per_s"] is None and data["steps"] == {}


def test_bad_gold_is_a_usage_error_naming_the_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    for command in (["eval", "entities"], ["eval", "facts"], ["eval", "cleaning"]):
        code, out = _run(runner, tmp_path / "g.db", *command, "--gold", str(bad))
        assert code == 2 and "cannot evaluate against" in out and "bad.jsonl" in out, (command, out)


def test_an_empty_gold_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    """A held-out folder waiting for its next batch holds no articles: say so, not a KeyError."""
    empty = tmp_path / "heldout"
    empty.mkdir()
    code, out = _run(runner, tmp_path / "g.db", "eval", "facts", "--gold", str(empty))
    assert code == 2 and "no gold articles" in " ".join(out.split()), out


def test_entities_and_entity_commands(runner: CliRunner, seeded: Path) -> None:
    """The entity surfaces from the command line: a filtered list as JSON, one entity with its names by
    language, and a clear error for a name no entity has."""
    code, out = _run(runner, seeded, "entities", "--label", "PER", "--json")
    assert code == 0
    people = json.loads(out)
    assert people and all(e["label"] == "PER" for e in people)
    dmitriev = next(e for e in people if "dmitr" in e["key"])
    assert {"lv", "de", "ro"} <= set(dmitriev["forms"])
    code, out = _run(runner, seeded, "entity", dmitriev["id"], "--json")
    assert code == 0 and json.loads(out)["id"] == dmitriev["id"]
    code, out = _run(runner, seeded, "entity", "Nobody Anywhere")
    assert code != 0 and "Nobody Anywhere" in out
