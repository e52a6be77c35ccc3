"""Self-contained HTML pieces shared by ``render`` and ``report``: page shell, tables, SVG bar charts.

Nothing is loaded from a network: styles are inline, charts are inline SVG,
and every piece of article text goes through ``html.escape``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
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
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def yi(amount: Decimal | int | str | None) -> str:
    """An amount in 亿 (10^8) units, as the genre writes it."""
    if amount is None:
        return ""
    value = Decimal(str(amount)) / YI
    return f"{value.normalize():f}"


def _tick(value: float) -> str:
    """An axis label: 1,582 / 1.5 / 2 (no trailing zeros)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def bar_chart(labels: Sequence[str], series: dict[str, Sequence[float]], *, unit: str, width: int = 640,
              height: int = 240) -> str:
    """A grouped bar chart as inline SVG: one group per label, one bar per series."""
    if not labels or not series:
        return "<p>(no data)</p>"
    top = max((max(values) for values in series.values() if values), default=0) or 1
    left, bottom, right, legend_h = 56, 28, 8, 18 * ((len(series) + 3) // 4)
    plot_w, plot_h = width - left - right, height - bottom - legend_h - 8
    group_w = plot_w / len(labels)
    bar_w = max(2.0, group_w * 0.8 / len(series))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'font-size="11" font-family="sans-serif">']
    for tick in range(5):
        value = top * tick / 4
        y = legend_h + 8 + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{_tick(value)}</text>')
    for g, label in enumerate(labels):
        x0 = left + g * group_w + group_w * 0.1
        for s, (name, values) in enumerate(series.items()):
            value = values[g]
            h = plot_h * value / top
            y = legend_h + 8 + plot_h - h
            colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
            parts.append(f'<rect x="{x0 + s * bar_w:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{escape(label)} {escape(name)}: {value:,.2f} {escape(unit)}'
                         "</title></rect>")
        parts.append(f'<text x="{left + g * group_w + group_w / 2:.1f}" y="{height - 10}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    for s, name in enumerate(series):
        x, y = left + (s % 4) * 140, 12 + 18 * (s // 4)
        colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14}" y="{y}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
