"""Story and search commands of ``newsweave``: ``stories``, ``story``, ``storyline``, ``search``,
``eval stories``, ``train stories``, ``train embeddings`` and ``bench-stories``. Registered on the apps of
``cli.py``; each a thin call into the service."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from newsweave.cli import _emit_json, _found, _gold, _iso_day, _service, _settings, app, err, eval_app, out, train_app
from newsweave.render_stories import search_results, stories_table, story_panel, storyline_panel
from newsweave.store import ArticleQuery


@app.command()
def stories(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="At most this many stories.")] = 30,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (pagination).")] = 0,
    storyline: Annotated[str | None, typer.Option(help="Only the stories of this storyline id.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Stories, newest first: articles about one event across languages, with their storyline."""
    with _service(ctx) as nw:
        rows = nw.stories(limit, offset, storyline)
        if as_json:
            _emit_json(rows)
        elif not rows:
            out.print(Text("no stories yet: ingest some articles first"))
        else:
            out.print(stories_table(rows, out.width))


@app.command()
def story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="A story id (or a unique prefix of at least 4 characters).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of panels.")] = False,
) -> None:
    """One story: titles and articles by language, entities, timeline, summary and where sources disagree."""
    with _service(ctx) as nw:
        view = _found(lambda: nw.story(story_id))
        if as_json:
            _emit_json(view)
        else:
            out.print(story_panel(view))


@app.command()
def storyline(
    ctx: typer.Context,
    storyline_id: Annotated[str, typer.Argument(help="A storyline id (shown by `newsweave stories`).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of panels.")] = False,
) -> None:
    """One storyline: its stories over time, titles per language, languages, outlets and entities."""
    with _service(ctx) as nw:
        view = _found(lambda: nw.storyline(storyline_id))
        if as_json:
            _emit_json(view)
        else:
            out.print(storyline_panel(view))


@eval_app.command("stories")
def eval_stories(
    ctx: typer.Context,
    gold: Annotated[
        Path,
        typer.Option(
            "--gold", exists=True, help="Gold JSONL(.gz) or a folder of them: id, lang, date, title, text, cluster."
        ),
    ],
    limit: Annotated[int | None, typer.Option(min=2, help="Score a seeded sample of this many documents.")] = None,
    baseline: Annotated[bool, typer.Option(help="Also score HDBSCAN over the same embeddings.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="JSON report.")] = False,
) -> None:
    """B-cubed and pairwise precision/recall/F1 of stories and storylines against gold clusters."""
    from newsweave.evaluation.stories import evaluate, read_gold

    with _gold(gold):
        docs = read_gold(gold, limit)
    result = evaluate(docs, _settings(ctx), baseline=baseline)
    if as_json:
        _emit_json(result)
        return
    out.print(
        f"{result['documents']} documents, {result['gold_clusters']} gold clusters, {result['gold_storylines']} "
        f"gold storylines -> {result['stories']} stories, {result['storylines']} storylines",
        highlight=False,
    )
    rows = [
        ("stories", result["stories_bcubed"], result["stories_pairwise"]),
        ("storylines", result["storylines_bcubed"], result["storylines_pairwise"]),
    ]
    if "baseline_hdbscan" in result:
        rows.append(("HDBSCAN baseline", result["baseline_hdbscan"]["bcubed"], result["baseline_hdbscan"]["pairwise"]))
    for name, b3, pw in rows:
        out.print(
            f"{name:<17} B-cubed P {b3['p']:.3f} R {b3['r']:.3f} F1 {b3['f1']:.3f}   "
            f"pairwise P {pw['p']:.3f} R {pw['r']:.3f} F1 {pw['f1']:.3f}",
            highlight=False,
        )
    for problem in result["problems"]:
        err.print(f"[yellow]problem:[/yellow] {escape(problem)}")


@train_app.command("stories")
def train_stories(
    ctx: typer.Context,
    gold: Annotated[list[Path], typer.Option("--gold", exists=True, help="Gold JSONL with clusters (repeatable).")],
    output: Annotated[
        Path | None, typer.Option("--out", help="Model file to write (default: the one newsweave ships).")
    ] = None,
) -> None:
    """Learn the story model (feature weights and join threshold) from gold clusters."""
    from newsweave.evaluation.stories import read_gold
    from newsweave.steps.story_model import FEATURES, MODEL_FILE
    from newsweave.steps.story_training import train

    target = output or Path(__file__).parent / "models" / MODEL_FILE
    report = train([read_gold(g) for g in gold], _settings(ctx), [g.name for g in gold])
    model = report["model"]
    model.save(target)
    weights = ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.weights, strict=True))
    out.print(
        f"model {target}: {report['pairs']} decisions ({report['positives']} joins); weights {weights}; "
        f"threshold {model.threshold}; B-cubed F1 on the training gold {report['bcubed_f1']:.3f}",
        highlight=False,
        soft_wrap=True,
    )


@train_app.command("embeddings")
def train_embeddings(
    output: Annotated[
        Path | None, typer.Option("--out", help="Table to write (default: the one newsweave ships).")
    ] = None,
    dims: Annotated[int, typer.Option(min=16, max=384, help="Dimensions kept by PCA.")] = 128,
    cache: Annotated[Path | None, typer.Option(help="Keep the e5 word vectors here (re-runs skip the model).")] = None,
) -> None:
    """Distil the static multilingual word table from multilingual-e5-small (needs newsweave[distill])."""
    try:
        from newsweave.embedding.distill import distill
        from newsweave.embedding.static import model_path
    except ImportError as exc:  # pragma: no cover - the extra is missing
        err.print(f"[red]error:[/red] {exc}; try: pip install 'newsweave[distill]'")
        raise typer.Exit(2) from exc
    target = output or model_path()
    try:
        report = distill(target, cache, dims)
    except ImportError as exc:
        err.print(f"[red]error:[/red] needs {exc.name}; try: pip install 'newsweave[distill]'")
        raise typer.Exit(2) from exc
    out.print(
        f"table {target}: {report['words']:,.0f} words x {report['dims']:.0f} dims, "
        f"{report['bytes'] / 1e6:.1f} MB, {report['seconds']:.0f}s",
        highlight=False,
    )
    if output is None:
        out.print("the mention tagger's word clusters come from this table: rebuild it with `newsweave train entities`")


@app.command("bench-pages")
def bench_pages(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON result.")] = False,
) -> None:
    """Time each kind of page (home, story, article, search, entity, a deep API listing) from a server
    started now on the store, first requests included; needs newsweave[server]."""
    from newsweave.bench_stories import time_pages

    settings = _settings(ctx)
    with err.status("timing pages"):
        data = time_pages(settings, Path(settings.db))
    if as_json:
        _emit_json(data)
        return
    for key, value in data.items():
        out.print(f"{key}: {value}", highlight=False)


@app.command("bench-stories")
def bench_stories(
    ctx: typer.Context,
    articles: Annotated[int, typer.Option(min=10, help="Articles in the stream.")] = 100_000,
    corpora: Annotated[Path | None, typer.Option(help="Annotated corpora to draw texts from.")] = Path(
        "../shared/corpora"
    ),
    samples: Annotated[Path | None, typer.Option(help="Sample articles to draw texts from.")] = Path("examples/seeds"),
    queries: Annotated[int, typer.Option(min=0, help="Then time this many searches of each mode (0: none).")] = 50,
    keep: Annotated[Path | None, typer.Option(help="Leave the benchmark store (stories.db) in this folder.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON result.")] = False,
) -> None:
    """Embed a stream of articles over a year and cluster it into stories (each half of the stream timed),
    then index it for search and time searches of each mode."""
    from newsweave.bench_stories import run_stories

    if keep is not None and (not keep.is_dir() or (keep / "stories.db").exists()):
        err.print(f"[red]error:[/red] --keep needs an existing folder without a stories.db: {escape(str(keep))}")
        raise typer.Exit(2)
    try:
        with err.status(f"story benchmark: {articles:,} articles"):
            data = run_stories(_settings(ctx), articles, corpora, samples, queries, keep).as_dict()
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        _emit_json(data)
        return
    out.print(
        f"{data['articles']:,} articles ({data['embedder']}): embeddings {data['embed_articles_per_s']:,.0f}/s, "
        f"clustering {data['cluster_articles_per_s']:,.0f}/s (halves {data['cluster_first_half_s']:.0f} s / "
        f"{data['cluster_second_half_s']:.0f} s), {data['stories']:,} stories; "
        f"{data['seconds_embeddings_and_clustering']:.0f} s in all, peak {data['peak_rss_mb']:,} MB",
        highlight=False,
        soft_wrap=True,
    )
    if data.get("search_queries"):
        out.print(
            "search, median / 95th percentile: "
            + ", ".join(
                f"{m} {data[f'search_{m}_median_ms']} / {data[f'search_{m}_p95_ms']} ms"
                for m in ("keyword", "semantic", "hybrid")
            ),
            highlight=False,
        )


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a name, in any language and spelling.")],
    mode: Annotated[
        str, typer.Option(help="hybrid (both, fused), keyword (names, words and their forms) or semantic.")
    ] = "hybrid",
    lang: Annotated[str | None, typer.Option(help="Only articles in this language.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name contains this.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only articles mentioning this entity (name or id).")] = None,
    story: Annotated[str | None, typer.Option(help="Only articles of this story id.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=200, help="Results per page.")] = 10,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many (pagination).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a list.")] = False,
) -> None:
    """Search articles: keywords that ignore case, diacritics and inflection, and cross-lingual meaning."""
    if mode not in ("hybrid", "keyword", "semantic"):
        raise typer.BadParameter(f"{mode!r}: use hybrid, keyword or semantic", param_hint="--mode")
    with _service(ctx) as nw:
        entity_id = _found(lambda: {"id": nw.entity(entity).id})["id"] if entity else None
        filters = ArticleQuery(
            language=lang,
            since=_iso_day(since),
            until=_iso_day(until),
            outlet=outlet,
            limit=limit,
            offset=offset,
            entity=entity_id,
            story=story,
        )
        view = nw.search(query, filters, mode)  # type: ignore[arg-type]
        if as_json:
            _emit_json(view)
        else:
            out.print(search_results(view))


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
) -> None:
    """Serve the REST API (OpenAPI at /docs) over the store; needs newsweave[server]."""
    try:
        import uvicorn

        from newsweave.server.api import create_app
    except ImportError as exc:
        err.print(f"[red]error:[/red] the server needs {exc.name}; try: pip install 'newsweave[server]'")
        raise typer.Exit(2) from exc
    err.print(f"newsweave API on http://{host}:{port}/api (OpenAPI: http://{host}:{port}/docs)", highlight=False)
    uvicorn.run(create_app(_settings(ctx)), host=host, port=port, log_level="warning")


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--out", help="HTML file to write.")],
    story: Annotated[str | None, typer.Option(help="A story id.")] = None,
    entity: Annotated[str | None, typer.Option(help="An entity name or id.")] = None,
    query: Annotated[str | None, typer.Option(help="A search query.")] = None,
) -> None:
    """One self-contained HTML file (timeline plot, entity graph, evidence) for a story, entity or query."""
    if [story, entity, query].count(None) != 2:
        raise typer.BadParameter("give exactly one of --story, --entity, --query")
    try:
        from newsweave.report import build
    except ImportError as exc:
        err.print(f"[red]error:[/red] reports need {exc.name}; try: pip install 'newsweave[server]'")
        raise typer.Exit(2) from exc
    with _service(ctx) as nw:
        page = _found(lambda: {"html": build(nw, story, entity, query)})["html"]
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output} ({len(page) / 1000:.0f} kB)", highlight=False)


@app.command()
def export(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(help="articles, entities, stories, or graph (entity co-occurrence).")],
    output: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="json, csv or graphml (graph).")] = "json",
) -> None:
    """Export articles, entities or stories as JSON or CSV, or the entity co-occurrence graph as GraphML."""
    from newsweave.exports import write

    if what not in ("articles", "entities", "stories", "graph") or fmt not in ("json", "csv", "graphml"):
        raise typer.BadParameter("what: articles|entities|stories|graph; --format: json|csv|graphml")
    if (what == "graph") != (fmt == "graphml"):
        raise typer.BadParameter("the graph is exported as --format graphml, and only the graph is")
    with _service(ctx) as nw:
        n = write(nw.store, what, fmt, output)  # type: ignore[arg-type]
    err.print(f"wrote {output}: {n:,} {'edges' if what == 'graph' else what}", highlight=False)
