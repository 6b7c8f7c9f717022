"""The ``newsweave`` command: each command a thin wrapper over ``NewsWeave`` (service.py).

People get tables and panels on stdout, progress and problems on stderr; programs get ``--json`` on
every listing. Exit codes: 0 all went well, 1 some input or record failed (the rest was done), 2 a usage
or configuration error stopped the command before it did anything.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsweave.config import Settings, load_settings
from newsweave.errors import ConfigError, InputError, NewsweaveError, NotFound, StoreError
from newsweave.render import (
    article_panel,
    article_summary,
    articles_table,
    entities_table,
    entity_panel,
    removals_table,
    report_dict,
    sources_table,
    timeline_table,
)
from newsweave.service import NewsWeave
from newsweave.service import Progress as ProgressHooks
from newsweave.store import ArticleQuery, EntityQuery, open_store

app = typer.Typer(
    name="newsweave",
    help=(
        "Turn news in many languages into clean, dated, language-tagged articles in one store.\n\n"
        "Start with:  newsweave ingest examples/seeds   then   newsweave articles   and   newsweave show ID --removed"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
config_app = typer.Typer(help="Inspect the resolved configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")
eval_app = typer.Typer(help="Measure quality against hand-made gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
train_app = typer.Typer(help="Rebuild the models newsweave ships, from open annotated corpora.", no_args_is_help=True)
app.add_typer(train_app, name="train")

out = Console(soft_wrap=False)
err = Console(stderr=True)


def _settings(ctx: typer.Context) -> Settings:
    settings: Settings = ctx.obj["settings"]
    return settings


def _service(ctx: typer.Context) -> NewsWeave:
    try:
        return NewsWeave(_settings(ctx))
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _iso_day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


@contextmanager
def _gold(path: Path) -> Iterator[None]:
    """A gold file that is not what an evaluation expects (a missing field, a folder, bad JSON) is a
    usage error naming the file, not a traceback."""
    try:
        yield
    except (KeyError, TypeError, ValueError, OSError, InputError) as exc:
        err.print(
            f"[red]error:[/red] cannot evaluate against {escape(str(path))}: {type(exc).__name__}: {escape(str(exc))} "
            "(see the command's --help for the gold format)"
        )
        raise typer.Exit(2) from exc


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Store: a SQLite file path or sqlite:///path, or postgresql://user:pw@host/db.",
            envvar="NEWSWEAVE_DB",
        ),
    ] = None,
    config: Annotated[
        str | None, typer.Option("--config", help="Settings file (default: ./newsweave.toml if present).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first stage error instead of reporting it.")
    ] = False,
) -> None:
    """Global options go before the command: newsweave --db my.db ingest FILES."""
    overrides: dict[str, Any] = {"db": db}
    if strict:
        overrides["strict"] = True
    try:
        ctx.obj = {"settings": load_settings(config, overrides)}
    except (FileNotFoundError, ValueError, ConfigError) as exc:
        err.print(f"[red]configuration error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _with_engine(
    ctx: typer.Context, settings: Settings, kind: str | None, scheduler: str | None, workers: int | None
) -> Settings:
    """The settings with the command line's engine options over the configured ones."""
    if kind is None and scheduler is None and workers is None:
        return settings
    changes = {"kind": kind, "scheduler": scheduler, "workers": workers}
    data = {**settings.engine.model_dump(), **{k: v for k, v in changes.items() if v is not None}}
    if scheduler is not None and kind is None:
        data["kind"] = "dask"
    try:
        options = type(settings.engine).model_validate(data)
    except ValidationError as exc:
        err.print(f"[red]error:[/red] --engine: {exc.errors()[0]['msg']} (serial or dask)")
        raise typer.Exit(2) from exc
    settings = settings.model_copy(update={"engine": options})
    ctx.obj["settings"] = settings
    return settings


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (read recursively), feed or page URLs, or - for stdin.")
    ],
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field", "-f", help="Map a JSONL/CSV column to an article field, e.g. -f text=body -f published=date."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run report as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: Annotated[
        str | None, typer.Option("--engine", help="serial (this process) or dask (the stages on Dask workers).")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="With --engine dask: a running scheduler, e.g. tcp://host:8786.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="With --engine dask and no scheduler: local workers.")
    ] = None,
) -> None:
    """Read articles, clean them, detect language and date, drop copies, and store them.

    Any format is recognised from its content: plain text (with an optional ' date YYYY-MM-DD title
    label' first line), HTML pages, JSONL/JSON, CSV/TSV, RSS/Atom feeds, WARC archives, gzip of these.
    Re-ingesting the same input adds nothing. A bad file is reported and skipped; exit code 1 says so.
    """
    settings = _settings(ctx)
    if field:
        mapping = settings.fields.model_dump()
        for item in field:
            name, sep, column = item.partition("=")
            if not sep or name not in mapping or not column:
                err.print(
                    f"[red]error:[/red] --field {item!r}: use FIELD=COLUMN with FIELD one of {', '.join(mapping)}"
                )
                raise typer.Exit(2)
            mapping[name] = [column, *mapping[name]]
        settings = settings.model_copy(update={"fields": type(settings.fields).model_validate(mapping)})
        ctx.obj["settings"] = settings
    settings = _with_engine(ctx, settings, engine, scheduler, workers)
    show_progress = not (quiet or as_json)
    with _service(ctx) as nw:
        bar = Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", style="dim"),
            console=err,
            transient=True,
            disable=not show_progress,
        )
        with bar:
            task = bar.add_task("", total=None)
            hooks = ProgressHooks(
                start=lambda total: bar.update(task, total=total),
                advance=lambda source: bar.update(task, advance=1, description=escape(source[-60:])),
            )
            try:
                report = nw.ingest(paths, hooks)
            except ConfigError as exc:
                err.print(f"[red]configuration error:[/red] {exc}")
                raise typer.Exit(2) from exc
        if as_json:
            _emit_json(report_dict(report))
        else:
            for problem in report.problems:
                err.print(
                    f"[red]✗[/red] {escape(problem.source)}: {escape(problem.reason)} [dim]\\[{problem.stage}][/dim]",
                    highlight=False,
                    soft_wrap=True,
                )
            dup = len(report.near_duplicates)
            out.print(
                f"[green]{len(report.added)} added[/green] ({dup} as copies of earlier articles), "
                f"{len(report.exact_duplicates)} exact copies, {len(report.unchanged)} already ingested, "
                f"[{'red' if report.problems else 'green'}]{len(report.problems)} problems[/]",
                highlight=False,
                soft_wrap=True,
            )
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def articles(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Only this language (ISO 639-1, e.g. de).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this day (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name contains this text.")] = None,
    duplicates: Annotated[bool, typer.Option("--duplicates", help="Also list copies linked to an original.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many.")] = 100,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (paging).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON list instead of a table.")] = False,
) -> None:
    """List stored articles, oldest first (undated last), with filters."""
    query = ArticleQuery(lang, _iso_day(since), _iso_day(until), outlet, duplicates, limit, offset)
    with _service(ctx) as nw:
        found = nw.articles(query)
        if as_json:
            _emit_json([article_summary(a) for a in found])
        else:
            out.print(articles_table(found, nw.count(query), out.width))


@app.command()
def show(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None, typer.Argument(help="Article ids (a unique prefix of 4+ characters is enough).")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Show every stored article (copies excluded).")] = False,
    removed: Annotated[bool, typer.Option("--removed", help="Also show what cleaning removed, and why.")] = False,
    removed_only: Annotated[bool, typer.Option("--removed-only", help="Only the removals, not the text.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Include the raw input in --json output.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a panel.")] = False,
) -> None:
    """Show articles: metadata, cleaned text, and with --removed the paragraphs taken out and why."""
    with _service(ctx) as nw:
        if all_:
            keys = [a.id for a in nw.articles(ArticleQuery(limit=1_000_000))]
        elif ids:
            keys = ids
        else:
            err.print("[red]error:[/red] name one or more article ids, or use --all (ids: newsweave articles)")
            raise typer.Exit(2)
        missing = 0
        views: list[dict[str, Any]] = []
        for key in keys:
            try:
                if as_json:
                    views.append(nw.article_view(key, with_raw=raw))
                    continue
                article, sources, copies = nw.article_links(key)
            except NotFound as exc:
                err.print(f"[red]error:[/red] {escape(str(exc))}")
                missing += 1
                continue
            if removed_only:
                out.print(removals_table(article))
            else:
                out.print(article_panel(article, sources, copies, removed or removed_only))
        if as_json:
            _emit_json(views if (all_ or len(keys) > 1) else (views[0] if views else None))
    raise typer.Exit(1 if missing else 0)


@app.command()
def entities(
    ctx: typer.Context,
    label: Annotated[str | None, typer.Option("--label", "-c", help="Category: PER, ORG, LOC, EVT or PRO.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Mentioned in this language.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Name contains this (any language).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (paging).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON list instead of a table.")] = False,
) -> None:
    """List entities resolved across articles and languages, most mentioned first."""
    with _service(ctx) as nw:
        found = nw.entities(EntityQuery(label, lang, name, limit, offset))
        if as_json:
            _emit_json([asdict(e) for e in found])
        else:
            out.print(entities_table(found, out.width))


@app.command()
def entity(
    ctx: typer.Context,
    name_or_id: Annotated[str, typer.Argument(help="An entity id, or a name in any language or spelling.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a panel.")] = False,
) -> None:
    """One entity: its names by language, the articles and sentences that mention it, who appears with it."""
    with _service(ctx) as nw:
        view = _found(lambda: nw.entity_view(name_or_id))
        if as_json:
            _emit_json(view)
        else:
            out.print(entity_panel(view))


def _found(lookup: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The view a lookup returns, or exit 1 with the reason when what was named is not in the store."""
    try:
        return lookup()
    except NotFound as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc


@app.command()
def timeline(
    ctx: typer.Context,
    name_or_id: Annotated[str, typer.Argument(help="An entity id, or a name in any language or spelling.")],
    limit: Annotated[int, typer.Option(min=1, help="At most this many lines.")] = 500,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Events and quotes of an entity in date order, each with the sentence it came from, as written.

    Stories get timelines of their own when story clustering lands; for now the argument is an entity.
    """
    with _service(ctx) as nw:
        view = _found(lambda: nw.timeline(name_or_id, limit))
        if as_json:
            _emit_json(view)
        elif not view["lines"]:
            out.print(Text(f"no events or quotes for {view['entity']['name']} yet"))
        else:
            out.print(timeline_table(view))


@app.command()
def sources(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="At most this many outlets.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON list.")] = False,
) -> None:
    """Who cites whom: outlets the articles give as their sources, most cited first, with the outlets
    (the citing articles' own) that cite them."""
    with _service(ctx) as nw:
        graph = nw.sources(limit)
    if as_json:
        _emit_json(graph)
    else:
        out.print(sources_table(graph))


@app.command()
def problems(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON list.")] = False,
) -> None:
    """Inputs that failed in past ingest runs, with the reason."""
    with _service(ctx) as nw:
        found = nw.store.problems()
        if as_json:
            _emit_json([{"source": p.source, "stage": p.stage, "reason": p.reason} for p in found])
        else:
            for p in found:
                out.print(
                    f"{escape(p.source)}: {escape(p.reason)} [dim]\\[{p.stage}][/dim]", highlight=False, soft_wrap=True
                )
            out.print(f"{len(found)} problem(s)")


@app.command()
def check(ctx: typer.Context) -> None:
    """Check the store's integrity (the database's own check plus newsweave's invariants)."""
    with _service(ctx) as nw:
        issues = nw.store.integrity_check()
        for issue in issues:
            out.print(f"[red]✗[/red] {issue}")
        out.print(
            f"schema version {nw.store.schema_version()}, {nw.count(ArticleQuery(include_duplicates=True))} "
            f"articles: {'ok' if not issues else f'{len(issues)} problem(s)'}"
        )
    raise typer.Exit(1 if issues else 0)


@app.command()
def watch(
    ctx: typer.Context,
    targets: Annotated[list[str], typer.Argument(help="Folders, files and feed URLs to watch.")],
    interval: Annotated[float, typer.Option(min=0.01, help="Seconds between polls.")] = 30.0,
    settle: Annotated[float, typer.Option(min=0, help="A file counts once unchanged this many seconds.")] = 2.0,
    polls: Annotated[int | None, typer.Option(min=1, help="Stop after this many polls (default: Ctrl-C).")] = None,
) -> None:
    """Ingest new files in folders and new entries of feeds as they appear; stories and storylines are
    brought up to date after each poll."""
    from newsweave.watch import Poll, Watcher

    missing = [t for t in targets if not t.startswith(("http://", "https://")) and not Path(t).exists()]
    if missing:
        err.print(f"[red]error:[/red] no such file or folder: {escape(', '.join(missing))}")
        raise typer.Exit(2)

    def show(poll: Poll) -> None:
        stamp = time.strftime("%H:%M:%S", time.localtime(poll.started))
        report = poll.report
        if report is not None:
            out.print(
                f"{stamp} {len(poll.targets)} input(s) read: {len(report.added)} added "
                f"({len(report.near_duplicates)} as copies), {len(report.unchanged)} already stored, "
                f"{len(report.problems)} problem(s)",
                highlight=False,
            )
            for problem in report.problems:
                err.print(f"  [yellow]problem:[/yellow] {escape(problem.source)}: {escape(problem.reason)}")
        if poll.waiting:
            out.print(f"{stamp} {poll.waiting} file(s) still being written; next poll", highlight=False)

    err.print(f"watching {len(targets)} input(s) every {interval:g} s; Ctrl-C stops", highlight=False)
    with _service(ctx) as nw:
        try:
            Watcher(nw, targets, settle).run(interval, show, polls)
        except KeyboardInterrupt:
            err.print("stopped")


@app.command()
def delete(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="The article id (or a prefix of 4+ characters).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON result.")] = False,
) -> None:
    """Remove an article and its near copies, with what they contributed to entities, events, stories and
    search (for takedowns and mistakes)."""
    with _service(ctx) as nw:
        try:
            found = nw.article(article)
        except NotFound as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(1) from exc
        if not yes and not typer.confirm(f"Delete {found.id} ({found.title or 'untitled'}) and its copies?"):
            raise typer.Exit(1)
        result = nw.delete_article(found.id)
    if as_json:
        _emit_json(result)
        return
    out.print(
        f"deleted {len(result['deleted'])} article(s); {len(result['entities_deleted'])} entities and "
        f"{len(result['events_deleted'])} events no other article names went with them; "
        f"{len(result['stories_changed'])} story rebuilt",
        highlight=False,
    )


@app.command()
def rerun(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(help="Article ids (or prefixes of 4+ characters).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON result.")] = False,
) -> None:
    """Process stored articles again from their raw input with today's pipeline and models (after an
    upgrade); each is replaced only when its new run succeeds."""
    results: list[dict[str, Any]] = []
    failed = 0
    with _service(ctx) as nw:
        for key in ids:
            try:
                results.append(nw.rerun(key))
            except NewsweaveError as exc:  # NotFound, or a run that failed: the stored article stays
                err.print(f"[red]error:[/red] {escape(str(exc))}")
                failed += 1
    if as_json:
        _emit_json(results)
    else:
        for r in results:
            same = "same id" if r["old"] == r["new"] else f"now {r['new']}"
            out.print(f"{r['old']}: re-run ({same})", highlight=False)
    raise typer.Exit(1 if failed else 0)


@app.command()
def backup(
    ctx: typer.Context,
    output: Annotated[Path, typer.Argument(help="New file to write the copy to.")],
) -> None:
    """Copy the store to a new file while it is in use (a server or an ingest may keep writing)."""
    with _service(ctx) as nw:
        try:
            nw.store.backup(str(output))
        except StoreError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(1) from exc
        if not nw.store.url.startswith("sqlite:"):  # pg_dump's archive: pg_restore reads it, not newsweave
            out.print(f"pg_dump archive written to {escape(str(output))} (restore with pg_restore)", highlight=False)
            return
        copy = open_store(str(output))
        try:
            issues = copy.integrity_check()
            articles = copy.count_articles(ArticleQuery(include_duplicates=True))
        finally:
            copy.close()
    if issues:
        err.print(f"[red]the copy fails its integrity check:[/red] {'; '.join(issues)}")
        raise typer.Exit(1)
    out.print(f"{articles:,} articles copied to {escape(str(output))} (integrity checked)", highlight=False)


@config_app.command("show")
def config_show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a listing.")] = False,
) -> None:
    """Print the settings in force: defaults < newsweave.toml < NEWSWEAVE_* variables < flags."""
    data = _settings(ctx).model_dump()
    if as_json:
        _emit_json(data)
        return
    for key, value in data.items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                out.print(f"{key}.{sub} = {json.dumps(subvalue, ensure_ascii=False)}", highlight=False)
        else:
            out.print(f"{key} = {json.dumps(value, ensure_ascii=False)}", highlight=False)


@eval_app.command("cleaning")
def eval_cleaning(
    ctx: typer.Context,
    gold: Annotated[
        Path, typer.Option("--gold", exists=True, dir_okay=False, help="Gold JSONL (tests/gold/cleaning).")
    ],
    base: Annotated[
        Path | None, typer.Option(help="Folder the gold's input paths are relative to (default: .).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON report.")] = False,
) -> None:
    """Precision and recall of debris removal, per input and overall, with the paragraphs it got wrong."""
    from newsweave.evaluation.cleaning import evaluate

    with _gold(gold):
        result = evaluate(gold, _settings(ctx), base)
    if as_json:
        _emit_json(result)
        return
    table = Table(title="cleaning: debris removal (positive = debris)", title_justify="left")
    for col in ("input", "debris", "text", "precision", "recall", "f1"):
        table.add_column(col, justify="left" if col == "input" else "right")
    rows = [*result["inputs"].items(), ("overall", result["overall"])]
    for name, c in rows:
        table.add_row(
            Path(name).name,
            str(c["tp"] + c["fn"]),
            str(c["tn"] + c["fp"]),
            f"{c['precision']:.3f}",
            f"{c['recall']:.3f}",
            f"{c['f1']:.3f}",
        )
    out.print(table)
    for name, c in result["inputs"].items():
        for e in c["errors"]:
            out.print(
                f"[yellow]{e['error']}[/yellow] in {escape(name)}: {escape(e['text'][:100])}",
                highlight=False,
                soft_wrap=True,
            )


@app.command()
def bench(
    ctx: typer.Context,
    articles: Annotated[int, typer.Option(min=10, help="Articles in the generated corpus.")] = 10_000,
    corpora: Annotated[Path | None, typer.Option(help="Annotated corpora to draw texts from.")] = Path(
        "../shared/corpora"
    ),
    samples: Annotated[Path | None, typer.Option(help="Sample articles to draw texts from.")] = Path("examples/seeds"),
    as_json: Annotated[bool, typer.Option("--json", help="JSON result.")] = False,
    store: Annotated[
        str | None,
        typer.Option(
            "--store", help="An empty store to ingest into (e.g. a PostgreSQL URL); default a fresh SQLite file."
        ),
    ] = None,
    engine: Annotated[str | None, typer.Option("--engine", help="serial or dask.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Local Dask workers.")] = None,
    article_chars: Annotated[
        int | None,
        typer.Option(
            "--article-chars", min=200, help="Articles of this many characters (default: 2-4 paragraphs each)."
        ),
    ] = None,
    stages_only: Annotated[
        bool, typer.Option("--stages-only", help="Measure the per-article stages alone, not the ingest.")
    ] = False,
) -> None:
    """Measure articles/s per stage and end to end (ingest into a fresh store), and peak memory.

    The mention stage's target (100 articles/s on one core for 3,000-character articles) is checked
    with: newsweave bench --articles 1000 --article-chars 3000 --stages-only"""
    from newsweave.bench import run

    settings = _with_engine(ctx, _settings(ctx), engine, None, workers)
    try:
        with err.status(f"benchmark: {articles:,} articles"):
            result = run(settings, articles, corpora, samples, store, article_chars, stages_only)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    data = result.as_dict()
    if as_json:
        _emit_json(data)
        return
    table = Table(
        title=f"benchmark: {data['articles']:,} articles, {data['mean_chars']:,} characters on average",
        title_justify="left",
    )
    table.add_column("stage")
    table.add_column("articles/s", justify="right")
    for name, speed in data["stages_articles_per_s"].items():
        table.add_row(name, f"{speed:,.1f}")
    for name, step in data["steps"].items():
        halves = f"(halves {step['first_half_s']:.1f} s / {step['second_half_s']:.1f} s)"
        table.add_row(f"{name} step {halves}", f"{step['articles_per_s']:,.1f}")
    if data["end_to_end_articles_per_s"] is not None:
        table.add_row(
            f"end to end (ingest, dedup, entities, store; {data['store']}, {data['engine']} engine)",
            f"{data['end_to_end_articles_per_s']:,.1f}",
        )
    workers_peak = f" (largest worker {data['workers_peak_rss_mb']:,} MB)" if data["workers_peak_rss_mb"] else ""
    table.caption = (
        f"peak memory {data['peak_rss_mb']:,} MB{workers_peak} · engine start {data['engine_start_s']} s · "
        f"{data['seconds']:.0f} s in all"
    )
    out.print(table)


@train_app.command("entities")
def train_entities(
    corpora: Annotated[Path, typer.Option(help="Folder of annotated JSONL(.gz) corpora.")] = Path("../shared/corpora"),
    output: Annotated[
        Path | None, typer.Option("--out", help="Model file to write (default: the one newsweave ships).")
    ] = None,
    holdout: Annotated[
        str | None, typer.Option(help="Leave this topic out of training and report scores on it.")
    ] = None,
    iterations: Annotated[int, typer.Option(min=1, help="CRF training iterations.")] = 80,
) -> None:
    """Train the mention tagger (CRF) and, with --holdout TOPIC, measure it on the topic it never saw."""
    from newsweave.entities.train import DEFAULT_MODEL, train
    from newsweave.stages.mentions import MentionOptions, MentionStage

    if not corpora.is_dir():
        err.print(f"[red]error:[/red] no corpora folder {escape(str(corpora))} (see --corpora)")
        raise typer.Exit(2)
    target = output or DEFAULT_MODEL
    report = train(corpora, target, holdout, iterations, progress=lambda msg: err.print(escape(msg), highlight=False))
    size = target.stat().st_size / 1e6
    out.print(
        f"model {target} ({size:.1f} MB): {report.sentences:,} sentences, {report.tokens:,} tokens, "
        f"{report.seconds:.0f}s",
        highlight=False,
        soft_wrap=True,
    )
    if report.held_out:
        stage = MentionStage(MentionOptions(model=str(target)))
        result = _entity_scores(report.held_out, stage)
        out.print(_entity_table(result, f"held-out topic {holdout!r}"))


def _entity_scores(docs: list[Any], stage: Any, product_labels: bool = False) -> dict[str, Any]:
    from newsweave.evaluation.entities import as_guidelines
    from newsweave.evaluation.entities import evaluate as evaluate_entities
    from newsweave.evaluation.linking import evaluate_linking

    if product_labels:
        result = evaluate_entities(docs, lambda d: stage.recognise(d.text, d.lang))
    else:
        result = evaluate_entities(docs, lambda d: as_guidelines(d.text, stage.recognise(d.text, d.lang)))
    result["labels"] = "newsweave" if product_labels else "bsnlp"
    result["linking"] = evaluate_linking(docs, lambda d: stage.recognise(d.text, d.lang), stage.demonyms())
    return result


def _entity_table(result: dict[str, Any], title: str) -> Table:
    labels = "BSNLP labels: outlets' titles PRO" if result.get("labels") == "bsnlp" else "newsweave labels"
    table = Table(title=f"{title}: {result['documents']} documents (F1, {labels})", title_justify="left")
    for col in ("", "relaxed partial", "relaxed exact", "strict", "base form", "base form, all names"):
        table.add_column(col, justify="left" if not col else "right")
    rows = [("overall", result["overall"]), *result["languages"].items(), *result["categories"].items()]
    for name, s in rows:
        base = f"{s['base_form_accuracy']:.3f}" if "base_form_accuracy" in s else "—"
        base_all = f"{s['base_form_accuracy_all']:.3f}" if "base_form_accuracy_all" in s else "—"
        table.add_row(
            name,
            f"{s['relaxed_partial']['f1']:.3f}",
            f"{s['relaxed_exact']['f1']:.3f}",
            f"{s['strict']['f1']:.3f}",
            base,
            base_all,
        )
    linking = result.get("linking", {})
    if linking.get("documents"):
        lea = ", ".join(f"{level} {linking[level]['f1']:.3f}" for level in ("document", "language", "crosslingual"))
        table.caption = f"linking F1 (LEA, {linking['documents']} documents with gold links): {lea}"
    return table


@eval_app.command("facts")
def eval_facts(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", exists=True, help="Gold folder or JSONL (tests/gold/facts).")],
    base: Annotated[
        Path | None, typer.Option(help="Folder the gold's input paths are relative to (default: .).")
    ] = None,
    ronec: Annotated[
        Path | None, typer.Option(exists=True, help="RONEC JSONL(.gz): also score date detection on its DATETIME.")
    ] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every fact that was missed or wrong.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON report.")] = False,
) -> None:
    """Precision and recall per fact type (dates, events, quotes, citations), date normalisation (ours and
    dateparser's), event modality and quote speaker accuracy."""
    from newsweave.evaluation.facts import evaluate, evaluate_ronec_dates

    with _gold(gold):
        result = evaluate(gold, _settings(ctx), base)
    if ronec is not None:
        result["ronec_dates"] = evaluate_ronec_dates(ronec)
    if as_json:
        _emit_json(result)
        return
    table = Table(title=f"facts: {result['articles']} gold articles", title_justify="left")
    for col in ("fact", "gold", "found", "precision", "recall", "f1", "also"):
        table.add_column(col, justify="left" if col in ("fact", "also") else "right")
    extras = {
        "dates": lambda d: (
            f"normalised exact {d['normalised_exact']:.3f} (dateparser {d['dateparser_normalised_exact']:.3f}), "
            f"invented {d['invented_for_undated_articles']}"
        ),
        "events": lambda d: f"modality {d['modality_accuracy']:.3f}, bad offsets {d['invalid_evidence']}",
        "quotes": lambda d: f"speaker {d['speaker_accuracy']:.3f}",
    }
    for kind in ("dates", "events", "quotes", "citations"):
        c = result[kind]
        also = extras[kind](c) if kind in extras else ""
        table.add_row(
            kind,
            str(c["tp"] + c["fn"]),
            str(c["tp"] + c["fp"]),
            f"{c['p']:.3f}",
            f"{c['r']:.3f}",
            f"{c['f1']:.3f}",
            also,
        )
    if "ronec_dates" in result:
        c = result["ronec_dates"]
        table.add_row(
            "RONEC dates",
            str(c["tp"] + c["fn"]),
            str(c["tp"] + c["fp"]),
            f"{c['p']:.3f}",
            f"{c['r']:.3f}",
            f"{c['f1']:.3f}",
            "detection only; RONEC counts durations too",
        )
    out.print(table)
    if errors:
        for e in result["errors"]:
            out.print(
                f"[yellow]{escape(e['fact'])}: {escape(e['error'])}[/yellow] in {escape(str(e['article']))}: "
                f"{escape(e['text'][:100])}",
                highlight=False,
                soft_wrap=True,
            )


@eval_app.command("entities")
def eval_entities(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", exists=True, help="Annotated JSONL(.gz) in the corpora format.")],
    topic: Annotated[str | None, typer.Option(help="Only documents of this topic.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON report.")] = False,
    product_labels: Annotated[
        bool,
        typer.Option(
            "--product-labels",
            help="Score newsweave's own labels (every outlet ORG) instead of the BSNLP guidelines' "
            "(newspapers, broadcasters and websites PRO, agencies ORG).",
        ),
    ] = False,
) -> None:
    """Recognition F1 (relaxed partial, relaxed exact, strict), base-form accuracy and linking F1 (LEA)."""
    from newsweave.entities.corpus import read_docs
    from newsweave.pipeline import build_stages
    from newsweave.stages.mentions import MentionStage

    settings = _settings(ctx)
    stage = next((s for s in build_stages(settings) if isinstance(s, MentionStage)), None) or MentionStage()
    with _gold(gold):
        docs = [d for d in read_docs(gold) if topic is None or d.topic == topic]
    result = _entity_scores(docs, stage, product_labels)
    if as_json:
        _emit_json(result)
    else:
        out.print(_entity_table(result, str(gold.name)))


def main() -> None:
    try:
        app()
    except NewsweaveError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)


# The story commands live in their own module and register themselves on the apps above.
from newsweave import cli_stories  # noqa: E402, F401

if __name__ == "__main__":
    main()
