"""``zhnews render``: one article as a self-contained HTML page, every extracted span highlighted.

Each highlighted piece carries ``class="hl k-<kind> …"``, ``data-kinds`` and a
``title`` with the normalised value, so hovering shows what was extracted.
"""
from __future__ import annotations

from html import escape

from zhnews.outputs.html_page import KIND_COLOURS, page, table, yi
from zhnews.outputs.marks import Mark
from zhnews.schema import ArticleRecord


def marks(record: ArticleRecord) -> list[Mark]:
    """Every highlighted span of a record, by kind: what each layer marks (``Layer.marks``)."""
    from zhnews.pipeline.base import layers

    return [m for layer in layers() for m in layer.marks(record) if m.end > m.start]


def highlighted(text: str, spans: list[Mark]) -> str:
    """The text as HTML, each piece wrapped with the kinds of every span covering it (sweep line)."""
    events: dict[int, list[tuple[int, int]]] = {}
    for i, mark in enumerate(spans):
        events.setdefault(mark.start, []).append((1, i))
        events.setdefault(mark.end, []).append((0, i))
    cuts = sorted({0, len(text), *events})
    active: set[int] = set()
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        for opening, i in events.get(left, ()):
            (active.add if opening else active.discard)(i)
        piece = escape(text[left:right])
        if not active:
            out.append(piece)
            continue
        covering = sorted(active)
        kinds = sorted({spans[i].kind for i in covering})
        tip = escape(" | ".join(dict.fromkeys(spans[i].value for i in covering)), quote=True)
        classes = " ".join(f"k-{k}" for k in kinds)
        out.append(f'<span class="hl {classes}" data-kinds="{" ".join(kinds)}" '
                   f'data-start="{left}" data-end="{right}" title="{tip}">{piece}</span>')
    return "".join(out)


def render_record(text: str, record: ArticleRecord) -> str:
    """The whole page for one article and its record."""
    legend = "".join(f'<span class="k-{k}">{k}</span>' for k in KIND_COLOURS)
    leaders = table(["name", "titles", "actions", "mentions"], (
        (x.name, "、".join(x.titles), "、".join(dict.fromkeys(a.text for a in x.actions)), len(x.mentions))
        for x in record.leaders), numeric=[3])
    directives = "".join(
        f"<p>speaker: <b>{escape(g.speaker.name if g.speaker else '—')}</b>, declared: "
        f"{g.declared_count if g.declared_count is not None else '—'}, found: {len(g.items)}</p>"
        + table(["#", "marker", "heading"], ((i.ordinal, i.marker, i.heading) for i in g.items), numeric=[0])
        for g in record.directives
    ) or "<p>none</p>"
    stats = table(["category", "scope", "segment", "count", "亿", "amount", "currency"], (
        (s.category, s.scope, s.segment, s.count, yi(s.investment.amount) if s.investment else None,
         s.investment.amount if s.investment else None, s.investment.currency if s.investment else None)
        for s in record.project_stats), numeric=[3, 4, 5])
    others = table(["kind", "value"], [
        *(("reporter", f"{r.name} ({r.outlet or ''}{r.role})") for r in record.reporters),
        *(("organisation", o.name) for o in record.organizations),
    ])
    warnings = "".join(f'<p class="warn">{escape(w)}</p>' for w in record.warnings)
    d = record.event_date
    when = f"{d.year or '????'}-{d.month:02d}-{d.day:02d}" if d else "no event date"
    body = (
        f'<main><div class="article" id="article">{highlighted(text, marks(record))}</div>'
        f'<div class="facts"><section><h2>Legend</h2><div class="legend">{legend}</div>{warnings}</section>'
        f"<section><h2>Leaders</h2>{leaders}</section><section><h2>Directives</h2>{directives}</section>"
        f"<section><h2>Project statistics</h2>{stats}</section><section><h2>Reporters and organisations</h2>"
        f"{others}</section></div></main>"
    )
    subtitle = f"event: {when} · published: {record.published or '—'} · source: {record.source or '—'}"
    return page(record.doc_id or "article", subtitle, body)
