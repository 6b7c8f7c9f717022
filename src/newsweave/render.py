"""How articles look to people (Rich) and to programs (plain JSON-able dicts).

Kept apart from the CLI so the API and reports reuse the same views, and so that JSON output is built
from the same fields the tables show.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsweave.model import Article, Entity, IngestReport


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def published_label(article: Article) -> str:
    if not article.published:
        return "—"
    return article.published.value.replace("T", " ")[:16]


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "language": article.language,
        "language_confidence": article.language_confidence,
        "published": article.published.value if article.published else None,
        "outlet": article.outlet,
        "title": article.title,
        "source": article.source,
        "chars": len(article.text),
        "duplicate_of": article.duplicate_of,
    }


#: Working fields that are not part of an article's public view (``raw`` is, on request).
_INTERNAL = ("extracted", "blocks", "hints", "minhash", "raw_hash", "embedding")


def entity_summary(entity: Entity) -> dict[str, Any]:
    """An entity in a listing (API, exports): what it is, how much it is named, and in which languages."""
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "mentions": entity.mentions,
        "articles": entity.articles,
        "languages": sorted(entity.forms),
    }


def article_dict(article: Article, with_raw: bool = False) -> dict[str, Any]:
    """The public view of an article, derived from the record so it grows with the data model."""
    data = asdict(article)
    for key in (*_INTERNAL, *(() if with_raw else ("raw",))):
        data.pop(key, None)
    return data


def report_dict(report: IngestReport) -> dict[str, Any]:
    return {
        "added": report.added,
        "near_duplicates": [{"id": a, "original": b, "similarity": s} for a, b, s in report.near_duplicates],
        "exact_duplicates": [{"source": s, "id": i} for s, i in report.exact_duplicates],
        "unchanged": report.unchanged,
        "problems": [{"source": p.source, "stage": p.stage, "reason": p.reason} for p in report.problems],
        "ok": report.ok,
    }


def articles_table(articles: list[Article], total: int, width: int = 120) -> Table:
    """One line per article; the outlet and size columns appear only when the terminal has room."""
    wide = width >= 110
    table = Table(title=f"{len(articles)} of {total} articles", title_justify="left", expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("published", no_wrap=True)
    if wide:
        table.add_column("outlet / source", no_wrap=True)
    table.add_column("title (italics: first words)", no_wrap=True)
    if wide:
        table.add_column("chars", justify="right", no_wrap=True)
    room = max(16, width - (16 + 4 + 16 + 16) - (28 if wide else 0))
    for a in articles:
        title = Text(_clip(a.title, room)) if a.title else Text(_clip(a.text.replace("\n", " "), room), style="italic")
        lang = f"{a.language or '?'}{'*' if a.mixed_language else ''}"
        row: list[str | Text] = [a.id, lang, published_label(a)]
        if wide:
            where = Text(_clip(a.outlet, 20)) if a.outlet else Text(_clip(a.source.rsplit("/", 1)[-1], 20), style="dim")
            if a.duplicate_of:
                where.append(f" copy of {a.duplicate_of[:8]}", style="yellow")
            row.append(where)
        elif a.duplicate_of:
            title = Text(f"copy of {a.duplicate_of[:8]}: ", style="yellow") + title
        row.append(title)
        if wide:
            row.append(f"{len(a.text):,}")
        table.add_row(*row)
    return table


def article_panel(
    article: Article, sources: list[str], copies: list[str], removed: bool, full: bool = True
) -> RenderableType:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    # Every value from an article goes in as Text: a plain str would be parsed as Rich markup, and
    # article text is untrusted ("[/]" in a headline must print, not crash or restyle the output).
    head.add_row("id", Text(article.id))
    head.add_row("title", Text(article.title or "—"))
    pub = article.published
    head.add_row(
        "published", Text(f"{published_label(article)}  ({pub.method}: {pub.text!r})" if pub else "— (none found)")
    )
    lang = f"{article.language or '?'} ({article.language_confidence:.2f})"
    if article.mixed_language:
        shares = ", ".join(f"{k} {v:.0%}" for k, v in article.metadata.get("languages", {}).items())
        lang += f"  mixed: {shares}"
    head.add_row("language", Text(lang))
    for label, value in (("outlet", article.outlet), ("byline", article.byline), ("url", article.url)):
        if value:
            head.add_row(label, Text(value))
    meta = {k: v for k, v in article.metadata.items() if k not in ("languages",)}
    if meta:
        head.add_row("metadata", Text(", ".join(f"{k}={v}" for k, v in meta.items())))
    head.add_row("sources", Text("\n".join(sources) or article.source))
    if article.removals and not removed:
        counts: dict[str, int] = {}
        for r in article.removals:
            counts[r.rule] = counts.get(r.rule, 0) + 1
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items(), key=lambda kv: -kv[1]))
        summary = Text(f"{len(article.removals)} paragraph(s): {rules}  ")
        summary.append("(--removed shows them)", style="dim")
        head.add_row("removed", summary)
    if article.duplicate_of:
        head.add_row("copy of", Text(f"{article.duplicate_of} (similarity {article.duplicate_similarity or 0:.2f})"))
    if copies:
        head.add_row("copies", Text(", ".join(copies)))
    parts: list[RenderableType] = [head]
    if full:
        body = Text()
        for i, para in enumerate(article.paragraphs):
            if i:
                body.append("\n\n")
            chunk = article.text[para.start : para.end]
            body.append(chunk, style="bold" if para.kind == "heading" else "")
        parts += [Text(""), body]
    if article.mentions:
        parts += [Text(""), mentions_table(article)]
    if article.times or article.events or article.quotes or article.citations:
        parts += [Text(""), facts_table(article)]
    if removed:
        parts += [Text(""), removals_table(article)]
    title = Text(f"{article.language or '?'} · {published_label(article)} · {article.id}")
    return Panel(Group(*parts), title=title, title_align="left")


def removals_table(article: Article) -> Table:
    table = Table(title=f"removed: {len(article.removals)} paragraph(s)", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("rule", style="magenta", no_wrap=True)
    table.add_column("why", overflow="fold")
    table.add_column("text", overflow="fold", ratio=1)
    for r in article.removals:
        why = r.reason + (f" → {r.moved_to}" if r.moved_to else "")
        table.add_row(str(r.position + 1), Text(r.rule), Text(why), Text(r.text))
    return table


def mentions_table(article: Article) -> Table:
    """Distinct mentions of the article: as written, base form, category, how often."""
    table = Table(title=f"mentions: {len(article.mentions)}", title_justify="left")
    for col in ("as written", "base form", "cat", "n", "entity"):
        table.add_column(col, overflow="fold")
    seen: dict[tuple[str, str, str], list[int | str | None]] = {}
    for m in article.mentions:
        key = (m.text, m.base or m.text, m.label)
        row = seen.setdefault(key, [0, m.entity_id])
        row[0] = int(row[0] or 0) + 1
    for (text, base, label), (n, eid) in seen.items():
        table.add_row(Text(text), Text(base), label, str(n), Text(str(eid or "")))
    return table


def facts_table(article: Article) -> Table:
    """Dates, events, quotes and cited outlets of one article, each with the words it rests on."""
    text = article.text
    table = Table(title="facts", title_justify="left")
    for col in ("fact", "what", "evidence"):
        table.add_column(col, overflow="fold", ratio=None if col == "fact" else 1)
    for t in article.times:
        when = f"{t.value} .. {t.until}" if t.value and t.until and t.until != t.value[:10] else (t.value or "—")
        what = f"{t.granularity}: {when}" + (f" ({t.reason})" if t.reason else "")
        table.add_row("date", Text(what), Text(t.text))
    for e in article.events:
        who = ", ".join(text[s:t] for s, t in e.participants)
        place = f" in {text[e.place[0] : e.place[1]]}" if e.place else ""
        when = ""
        if e.time is not None and e.time < len(article.times):
            when = f" on {article.times[e.time].value or article.times[e.time].text}"
        what = f"{e.type} ({e.modality}){place}{when}: {who}"
        table.add_row("event", Text(what), Text(_clip(text[e.start : e.end], 200)))
    for q in article.quotes:
        speaker = text[q.speaker[0] : q.speaker[1]] if q.speaker else (q.described or "unattributed")
        via = f" via {text[q.via[0] : q.via[1]]}" if q.via else ""
        table.add_row(f"{q.kind} quote", Text(f"{speaker}{via}"), Text(_clip(text[q.start : q.end], 200)))
    for c in article.citations:
        table.add_row("source", Text(c.outlet), Text(text[min(c.start, c.cue_start) : max(c.end, c.cue_end)]))
    return table


def sources_table(graph: list[dict[str, Any]]) -> Table:
    """Cited outlets, most cited first: articles, languages, dates, and the outlets citing them."""
    table = Table(title=f"cited sources: {len(graph)}", title_justify="left")
    for col in ("outlet", "articles", "languages", "dates", "cited by"):
        table.add_column(col, overflow="fold", justify="right" if col == "articles" else "left")
    for node in graph:
        dates = f"{(node['first'] or '')[:10]} .. {(node['last'] or '')[:10]}" if node["first"] else "undated"
        cited_by = ", ".join(f"{k} ({n})" for k, n in sorted(node["cited_by"].items(), key=lambda kv: -kv[1]))
        table.add_row(Text(node["outlet"]), str(node["articles"]), " ".join(node["languages"]), dates, Text(cited_by))
    return table


def timeline_table(view: dict[str, Any]) -> Table:
    """One line per event or quote, oldest first, with the sentence it came from in its own language."""
    entity = view["entity"]
    table = Table(title=f"timeline: {entity['name']} ({entity['label']}, {entity['id']})", title_justify="left")
    for col in ("date", "what", "evidence"):
        table.add_column(col, overflow="fold", no_wrap=col == "date", ratio=None if col == "date" else 1)
    for line in view["lines"]:
        date = line["date"] or "undated"
        if line.get("dated_by") == "published":
            date = f"reported\n{line['until']}"  # no date in the text: when it was reported
        elif line["until"] and line["date"] and line["until"] != line["date"]:
            date += f"\n.. {line['until']}"
        if line["kind"] == "event":
            what = f"{line['type']} ({line['modality']})"
            if line["place"]:
                what += f" in {line['place']}"
            what += "\n" + ", ".join(line["participants"])
            if line["articles"] > 1:
                what += f"\n{line['articles']} articles"
        elif line["kind"] == "report":
            what = f"reported by {line['outlet'] or 'an article'}" + (f"\n{line['title']}" if line["title"] else "")
        else:
            what = f"{line['speaker']} ({line['type']} quote" + (f", via {line['via']})" if line["via"] else ")")
        evidence = Text()
        for i, ev in enumerate(line["evidence"][:3]):
            if i:
                evidence.append("\n")
            evidence.append(f"[{ev['language']} {ev['article_id']}:{ev['start']}-{ev['end']}] ", style="dim")
            evidence.append(_clip(ev["sentence"], 300))
        if len(line["evidence"]) > 3:
            evidence.append(f"\n… {len(line['evidence']) - 3} more report(s)", style="dim")
        table.add_row(date, Text(what), evidence)
    return table


def entities_table(entities: list[Entity], width: int = 120) -> Table:
    """One line per entity; the names by language appear when the terminal has room for them."""
    wide = width >= 110
    table = Table(title=f"{len(entities)} entities", title_justify="left")
    for col in ("id", "cat", "name", "mentions", "articles", "names by language" if wide else "languages"):
        table.add_column(col, overflow="fold", no_wrap=col in ("id", "cat", "mentions", "articles"))
    for e in entities:
        if wide:
            names = "; ".join(f"{lang}: {', '.join(sorted(f))}" for lang, f in sorted(e.forms.items()))
        else:
            names = " ".join(sorted(e.forms))
        table.add_row(e.id, e.label, Text(_clip(e.name, 30)), str(e.mentions), str(e.articles), Text(_clip(names, 120)))
    return table


def entity_panel(view: dict[str, Any]) -> RenderableType:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    head.add_row("id", Text(view["id"]))
    head.add_row("category", Text(view["label"] + (" (media)" if view.get("media") else "")))
    head.add_row("mentions", Text(f"{view['mentions']} in {view['articles']} article(s)"))
    for lang, forms in sorted(view["forms"].items()):
        surfaces = view["surfaces"].get(lang, {})
        written = ", ".join(f"{s} ×{n}" for s, n in sorted(surfaces.items(), key=lambda kv: -kv[1]))
        head.add_row(f"names ({lang})", Text(f"{', '.join(sorted(forms))}   written: {written}"))
    for r in view.get("roles", []):
        seen = r["date"] or "undated"
        if r.get("last") and r["last"] != r["date"]:
            seen += f" .. {r['last']}"
        n = int(r.get("articles") or 1)
        head.add_row(
            "role", Text(f"{r['role']}  ({r['language']}, {seen}, {n} article(s), first {r['article_id'][:8]})")
        )
    if view["co_occurring"]:
        head.add_row(
            "appears with",
            Text(", ".join(f"{c['name']} ({c['label']}, {c['articles']})" for c in view["co_occurring"])),
        )
    parts: list[RenderableType] = [head, Text("")]
    for m in view["mention_list"][:30]:
        line = Text(f"{m['published'] or '—':>10.10}  {m['language'] or '?'}  {m['article_id'][:8]}  ", style="dim")
        ctx = m["context"]
        at = ctx.find(m["text"])
        if at >= 0:
            line.append(ctx[:at])
            line.append(m["text"], style="bold yellow")
            line.append(ctx[at + len(m["text"]) :])
        else:
            line.append(ctx)
        parts.append(line)
    return Panel(Group(*parts), title=Text(f"{view['name']} · {view['label']}"), title_align="left")
