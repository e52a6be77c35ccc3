"""Self-contained HTML pieces shared by ``render`` and ``report``: page shell, tables, SVG bar charts.

Nothing is loaded from a network: styles are inline, charts are inline SVG,
and every piece of article text goes through ``html.escape``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, Decimal
from html import escape

KIND_COLOURS = {
    "date": "#ffd166",
    "reporter": "#c3b1e1",
    "leader": "#8ecae6",
    "title": "#bde0fe",
    "marker": "#f4a261",
    "heading": "#ffe5b4",
    "count": "#95d5b2",
    "amount": "#52b788",
    "org": "#f7b2bd",
    "venue": "#cdb4db",
}
SERIES_COLOURS = ("#457b9d", "#e76f51", "#2a9d8f", "#e9c46a", "#8d99ae", "#6d597a")
YI = Decimal(10) ** 8

_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;margin:0;color:#1d3557;background:#fafafa}
header{background:#1d3557;color:#fff;padding:12px 20px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;font-size:13px;opacity:.85}
main{display:flex;gap:20px;padding:16px 20px;align-items:flex-start;flex-wrap:wrap}
.article{flex:1 1 520px;white-space:pre-wrap;line-height:1.9;font-size:16px;background:#fff;padding:16px;
border:1px solid #ddd;border-radius:6px}
.facts{flex:1 1 420px;font-size:14px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin-bottom:14px}
h2{font-size:16px;margin:4px 0 8px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;
vertical-align:top}th{background:#f1f4f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin:2px 6px 2px 0;padding:0 6px;border-radius:3px;font-size:12px}
.hl{border-radius:2px;cursor:help}.warn{color:#b00020}
.scroll{overflow-x:auto}th{white-space:nowrap}svg.chart{width:100%;height:auto;display:block}.chart-narrow{display:none}
.note{font-size:12px;color:#555;margin:4px 0 8px}
@media (max-width:640px){main{padding:8px;gap:8px}section{padding:8px}.facts{flex-basis:100%;min-width:0}
.chart-wide{display:none}.chart-narrow{display:block}header{padding:10px 12px}}
"""


def kind_css() -> str:
    return "".join(f".k-{kind}{{background:{colour}}}" for kind, colour in KIND_COLOURS.items()) + (
        ".k-heading{text-decoration:underline dotted}.k-marker{font-weight:bold}"
    )


def page(title: str, subtitle: str, body: str) -> str:
    """A whole HTML document (UTF-8, CJK font stack, no external assets)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}{kind_css()}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>{body}</body></html>\n"
    )


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Iterable[int] = ()) -> str:
    """An HTML table; every cell escaped, numeric columns right-aligned."""
    numeric = set(numeric)
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td{" class=num" if i in numeric else ""}>{escape("" if cell is None else str(cell))}</td>'
            for i, cell in enumerate(row)
        ) + "</tr>"
        for row in rows
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def yi(amount: Decimal | int | str | None) -> str:
    """An amount in 亿 (10^8) units, as the genre writes it."""
    if amount is None:
        return ""
    value = Decimal(str(amount)) / YI
    return f"{value.normalize():f}"


def thousands(value: Decimal | int | float | None, decimals: int | None = None) -> str:
    """A number with thousands separators: 284,400,000,000 / 2,844 / 625.385 (no trailing zeros)."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
        return f"{number:,f}"
    text = f"{number.normalize():,f}"
    return text


def nice_step(span: float, target: int = 5, *, integer: bool = False) -> Decimal:
    """The smallest step of 1, 2 or 5 × 10ⁿ that covers ``span`` in at most ``target`` steps."""
    if span <= 0:
        return Decimal(1)
    exponent = Decimal(str(span / target)).adjusted()
    for power in (exponent, exponent + 1):
        for mantissa in (1, 2, 5):
            step = Decimal(mantissa).scaleb(power)
            if step * target >= Decimal(str(span)) and (not integer or step >= 1):
                return step
    return Decimal(10).scaleb(exponent + 1)


def nice_ticks(top: float, target: int = 5, *, integer: bool = False) -> list[Decimal]:
    """Axis ticks from 0 past ``top`` in a round step (0, 2,000, 4,000, … or 0, 1, 2)."""
    step = nice_step(top, target, integer=integer)
    count = max(1, int((Decimal(str(top)) / step).to_integral_value(rounding=ROUND_CEILING)))
    return [step * i for i in range(count + 1)]


def tick_label(value: Decimal, step: Decimal) -> str:
    """A tick's text: thousands separated, no trailing zeros (0, 0.5, 1, 1.5; 0, 10,000, 20,000)."""
    return thousands(value.quantize(step) if step < 1 else value)


def text_width(text: str, font_size: float) -> float:
    """Estimated rendered width of ``text``: a CJK character is one em, other characters about 0.6 em."""
    return sum(font_size if ord(c) > 0x2E80 else 0.6 * font_size for c in text)


def stride_for(needed: float, slot: float, choices: Sequence[int] = (1, 2, 5, 10, 20, 50, 100)) -> int:
    """The smallest of ``choices`` such that that many slots of ``slot`` px hold ``needed`` px."""
    return next((c for c in choices if c * slot >= needed), choices[-1])


def slot_estimate(width: int, groups: Sequence[tuple[str | None, Sequence[str]]]) -> float:
    """About how wide one bar's slot will be in ``bar_chart`` (its y labels take some 50-70 px)."""
    slots = sum(len(g) for _, g in groups) + len(groups) - 1
    return (width - 70) / max(1, slots)


def bar_chart(groups: Sequence[tuple[str | None, Sequence[str]]], series: dict[str, Sequence[float]], *,
              unit: str, width: int = 640, height: int = 250, stacked: bool = False, integer: bool = False,
              font_size: int = 12, ticks: Sequence[str] | None = None) -> str:
    """A bar chart as inline SVG.

    The x axis comes in groups, each with a caption under it (the dated periods, then the months whose
    year is unknown), one bar per series per label (or one stacked bar). The y ticks are round (1, 2 or
    5 × 10ⁿ). ``ticks`` gives the x label to print under each bar ('' for none; default: the labels);
    a label is left out where it would overlap its neighbour or run out of its group.
    """
    labels = [label for _, group in groups for label in group]
    if not labels or not series:
        return "<p>(no data)</p>"
    names = list(series)
    totals = [sum(series[n][i] for n in names) if stacked else max(series[n][i] for n in names)
              for i in range(len(labels))]
    y_ticks = nice_ticks(max(totals) or 1, integer=integer)
    top, step = float(y_ticks[-1]), y_ticks[1] - y_ticks[0]
    legend_rows = _legend_rows(names, width - 8, font_size) if len(names) > 1 else []
    plot_top = (font_size + 8) * len(legend_rows) + font_size
    left = 10 + max(text_width(tick_label(t, step), font_size) for t in y_ticks)
    right, captions = 8, any(caption for caption, _ in groups)
    plot_h = height - plot_top - (font_size + 10) - (font_size + 8 if captions else 0)
    slot = (width - left - right) / (len(labels) + len(groups) - 1)  # a blank slot between groups
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" font-size="{font_size}" font-family="sans-serif">']
    for tick in y_ticks:
        y = plot_top + plot_h - plot_h * float(tick) / top
        parts.append(f'<line x1="{left:.1f}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text class="y" x="{left - 4:.1f}" y="{y + font_size / 3:.1f}" text-anchor="end">'
                     f"{tick_label(tick, step)}</text>")
    texts = list(ticks) if ticks is not None else labels
    index, position, placed_right = 0, 0, float("-inf")
    for g, (caption, group) in enumerate(groups):
        if g:
            x = left + (position + 0.5) * slot
            parts.append(f'<line class="group" x1="{x:.1f}" x2="{x:.1f}" y1="{plot_top}" y2="{plot_top + plot_h}" '
                         'stroke="#999" stroke-dasharray="3 3"/>')
            position += 1
        start, end = left + position * slot, left + (position + len(group)) * slot
        for label in group:
            parts.extend(_bars(label, [(n, series[n][index]) for n in names], left + position * slot, slot,
                               plot_top, plot_h, top, unit, stacked))
            text, centre = texts[index], left + (position + 0.5) * slot
            half = text_width(text, font_size) / 2
            inside = start - slot / 2 <= centre - half and centre + half <= min(end + slot / 2, width)
            if text and inside and centre - half >= placed_right + 4:
                parts.append(f'<text class="x" x="{centre:.1f}" y="{plot_top + plot_h + font_size + 4}" '
                             f'text-anchor="middle">{escape(text)}</text>')
                placed_right = centre + half
            index, position = index + 1, position + 1
        if caption:
            half = text_width(caption, font_size) / 2
            middle = min(max((start + end) / 2, half + 2), width - half - 2)
            parts.append(f'<text class="caption" x="{middle:.1f}" y="{height - 4}" text-anchor="middle" fill="#555">'
                         f"{escape(caption)}</text>")
    for row, entries in enumerate(legend_rows):
        x = 4.0
        for s, name in entries:
            y = 4 + row * (font_size + 8) + font_size
            parts.append(f'<rect x="{x:.1f}" y="{y - font_size + 2}" width="10" height="10" '
                         f'fill="{SERIES_COLOURS[s % len(SERIES_COLOURS)]}"/>'
                         f'<text x="{x + 14:.1f}" y="{y}">{escape(name)}</text>')
            x += 24 + text_width(name, font_size)
    parts.append("</svg>")
    return "".join(parts)


def _legend_rows(names: Sequence[str], width: float, font_size: float) -> list[list[tuple[int, str]]]:
    rows: list[list[tuple[int, str]]] = [[]]
    used = 0.0
    for s, name in enumerate(names):
        need = 24 + text_width(name, font_size)
        if rows[-1] and used + need > width:
            rows.append([])
            used = 0.0
        rows[-1].append((s, name))
        used += need
    return rows


def _bars(label: str, values: list[tuple[str, float]], x0: float, slot: float, plot_top: float, plot_h: float,
          top: float, unit: str, stacked: bool) -> list[str]:
    out = []
    inner = slot * 0.8
    bar_w = inner if stacked else max(1.0, inner / len(values))
    base = plot_top + plot_h
    for s, (name, value) in enumerate(values):
        if not value:
            continue
        h = plot_h * value / top
        x = x0 + slot * 0.1 + (0 if stacked else s * bar_w)
        y = base - h
        colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(1.0, bar_w - (0 if stacked else 1)):.1f}" '
                   f'height="{h:.1f}" fill="{colour}"><title>{escape(label)} {escape(name)}: '
                   f"{thousands(Decimal(str(value)), 2 if value % 1 else 0)} {escape(unit)}</title></rect>")
        if stacked:
            base = y
    return out


def responsive(wide: str, narrow: str) -> str:
    """Two renderings of one chart: the wide one on a desktop, the narrow one on a phone."""
    return f'<div class="chart-wide">{wide}</div><div class="chart-narrow">{narrow}</div>'
