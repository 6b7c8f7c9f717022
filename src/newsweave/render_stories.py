"""Rich renderings of stories and storylines for people; programs use ``--json`` (the same dicts)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsweave.render import _clip, timeline_table


def _languages(counts: dict[str, int]) -> str:
    return " ".join(f"{lang}:{n}" for lang, n in counts.items())


def _dates(view: dict[str, Any]) -> str:
    first, last = view.get("first"), view.get("last")
    if not first:
        return "undated"
    return first if first == last else f"{first} .. {last}"


def stories_table(rows: list[dict[str, Any]], width: int = 120) -> Table:
    """One line per story; main entities and storyline appear when the terminal has room for them."""
    wide = width >= 120
    table = Table(title=f"{len(rows)} stories", title_justify="left")
    columns = ["id", "dates", "n", "languages", "title"] + (["entities", "storyline"] if wide else [])
    for col in columns:
        table.add_column(
            col,
            overflow="fold",
            no_wrap=col in ("id", "dates", "n", "storyline"),
            ratio=3 if col == "title" else (2 if col == "entities" else None),
        )
    for r in rows:
        dates = _dates(r).replace(" .. ", "\n.. ")
        cells = [r["id"], dates, str(r["size"]), _languages(r["languages"]), Text(_clip(r["title"], 120))]
        if wide:
            cells += [Text(", ".join(r["entities"])), r["storyline_id"] or ""]
        table.add_row(*cells)
    if not wide:
        table.caption = "storylines and entities: a wider terminal, `newsweave story ID`, or --json"
    return table


def story_panel(view: dict[str, Any]) -> RenderableType:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    head.add_row("id", Text(f"{view['id']}  (storyline {view['storyline_id']})"))
    head.add_row("dates", Text(_dates(view)))
    for lang, title in sorted(view["titles"].items()):
        head.add_row(f"title ({lang})", Text(title))
    head.add_row("outlets", Text(", ".join(view["outlets"]) or "—"))
    head.add_row("entities", Text(", ".join(f"{e['name']} ({e['label']}, {e['articles']})" for e in view["entities"])))
    parts: list[RenderableType] = [head, Text("")]
    articles = Table(title="articles by language", title_justify="left")
    for col in ("lang", "id", "published", "outlet", "title"):
        articles.add_column(col, overflow="fold")
    for lang, rows in sorted(view["articles"].items()):
        for a in rows:
            title = (a["title"] or "") + (f"  (copy of {a['duplicate_of'][:8]})" if a["duplicate_of"] else "")
            articles.add_row(lang, a["id"][:12], (a["published"] or "—")[:10], a["outlet"] or "", Text(title))
    parts.append(articles)
    if view["summary"]:
        summary = Text()
        for s in view["summary"]:
            summary.append(f"[{s['language']} {s['article_id'][:8]}:{s['start']}-{s['end']}] ", style="dim")
            summary.append(s["text"] + "\n")
        parts.append(Panel(summary, title="summary", title_align="left"))
    if view["disagreements"]:
        dis = Text()
        for d in view["disagreements"]:
            for side in ("positive", "negative"):
                s = d[side]
                dis.append(
                    f"{side} ({s['cue']}) [{s['language']} {s['article_id'][:8]}:{s['start']}-{s['end']}] ", style="dim"
                )
                dis.append(_clip(s["text"], 300) + "\n")
            dis.append("\n")
        parts.append(Panel(dis, title="where sources disagree", title_align="left"))
    if view["timeline"]:
        parts.append(
            timeline_table({"entity": {"name": "story", "label": "", "id": view["id"]}, "lines": view["timeline"]})
        )
    return Panel(Group(*parts), title=Text(view["title"]), title_align="left")


def storyline_panel(view: dict[str, Any]) -> RenderableType:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    head.add_row("id", Text(view["id"]))
    head.add_row("dates", Text(_dates(view)))
    head.add_row("languages", Text(_languages(view["languages"])))
    for lang, title in sorted(view["titles"].items()):
        head.add_row(f"title ({lang})", Text(title))
    head.add_row("outlets", Text(", ".join(view["outlets"]) or "—"))
    head.add_row("entities", Text(", ".join(f"{e['name']} ({e['articles']})" for e in view["entities"][:15])))
    parts: list[RenderableType] = [head, Text(""), stories_table(view["stories"])]
    if view["timeline"]:
        entity = {"name": f"storyline {view['id']}", "label": "", "id": view["id"]}
        parts.append(timeline_table({"entity": entity, "lines": view["timeline"]}))
    return Panel(Group(*parts), title=f"storyline {view['id']}", title_align="left")


def search_results(view: dict[str, Any]) -> RenderableType:
    """Ranked results, each with its snippet and the matched words highlighted."""
    parts: list[RenderableType] = []
    head = f"{len(view['results'])} result(s) for {view['query']!r} ({view['mode']}, {view['took_ms']} ms)"
    if view["entities"]:
        head += "; entity: " + ", ".join(f"{e['name']} ({e['label']})" for e in view["entities"])
    parts.append(Text(head, style="bold"))
    for rank, r in enumerate(view["results"], view["offset"] + 1):
        line = Text(f"{rank:>3}. ", style="bold")
        line.append(f"{r['title'] or '(untitled)'}")
        where = f"{r['language'] or '?'} {(r['published'] or 'undated')[:10]} {r['id'][:12]}"
        line.append(f"  [{where} {'+'.join(r['matched_by'])}]", style="dim")
        snippet = Text("     " + r["snippet"].replace("\n", " "))
        for start, end in r["highlights"]:
            snippet.stylize("bold yellow", start + 5, end + 5)
        parts.extend([line, snippet])
    return Group(*parts)
