"""``zhnews report``: a one-page picture of a batch (self-contained HTML, inline SVG charts)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path

from extractor.batch import errors_path
from extractor.export import NotRecordsError, iter_records
from extractor.html_page import YI, bar_chart, page, table

UNKNOWN_YEAR = "????"


def month_of(record: dict) -> str | None:
    """YYYY-MM of the event (???? when the year is unknown), or None without an event date."""
    date = record.get("event_date")
    if not date:
        return None
    year = date.get("year")
    return f"{year if year is not None else UNKNOWN_YEAR}-{date['month']:02d}"


@dataclass
class BatchFigures:
    """What the report shows, computed from the records (and the errors file)."""

    documents: int = 0
    failures: int = 0
    events_per_month: Counter = field(default_factory=Counter)
    investment: dict[str, dict[str, Decimal]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Decimal)))
    leader_documents: Counter = field(default_factory=Counter)
    leader_titles: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    speaker_groups: Counter = field(default_factory=Counter)
    speaker_items: Counter = field(default_factory=Counter)
    warnings: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, record: dict) -> None:
        self.documents += 1
        month = month_of(record)
        if month:
            self.events_per_month[month] += 1
        for stat in record.get("project_stats") or []:
            money = stat.get("investment")
            if money and money["currency"] == "CNY" and stat.get("segment") is None and month:
                self.investment[stat.get("category") or "(several)"][month] += Decimal(str(money["amount"]))
        for leader in record.get("leaders") or []:
            self.leader_documents[leader["name"]] += 1
            self.leader_titles[leader["name"]].update(leader.get("titles") or [])
        for group in record.get("directives") or []:
            speaker = (group.get("speaker") or {}).get("name") or "(unknown)"
            self.speaker_groups[speaker] += 1
            self.speaker_items[speaker] += len(group["items"])
        if record.get("warnings"):
            self.warnings.append((record.get("doc_id") or "", record["warnings"]))


def figures_from(records_path: str | Path) -> BatchFigures:
    """Read a batch's records (and its errors file, when present); NotRecordsError for any other input."""
    figures = BatchFigures()
    path = Path(records_path)
    for number, record in enumerate(iter_records(path), start=1):
        try:
            figures.add(record)
        except (KeyError, TypeError, AttributeError) as exc:
            raise NotRecordsError(f"{path}: record {number} is malformed ({exc!r})") from exc
    errors = errors_path(path)
    if errors.exists():
        figures.failures = sum(1 for line in errors.open(encoding="utf-8") if line.strip())
    return figures


def render_report(figures: BatchFigures, name: str, top: int = 20) -> str:
    months = sorted(figures.events_per_month)
    events_chart = bar_chart(months, {"events": [figures.events_per_month[m] for m in months]}, unit="events")
    invest_months = sorted({m for per_month in figures.investment.values() for m in per_month})
    series = {
        category: [float(per_month.get(m, Decimal(0)) / YI) for m in invest_months]
        for category, per_month in sorted(figures.investment.items())
    }
    invest_chart = bar_chart(invest_months, series, unit="亿元")
    invest_rows = [
        (m, category, f"{(per_month[m] / YI).normalize():f}", per_month[m])
        for category, per_month in sorted(figures.investment.items()) for m in sorted(per_month)
    ]
    leaders = table(["leader", "documents", "titles"], (
        (name_, n, "、".join(t for t, _ in figures.leader_titles[name_].most_common()))
        for name_, n in figures.leader_documents.most_common(top)), numeric=[1])
    speakers = table(["speaker", "numbered lists", "items"], (
        (s, n, figures.speaker_items[s]) for s, n in figures.speaker_groups.most_common()), numeric=[1, 2])
    warnings = table(["doc_id", "warnings"], ((d, "; ".join(w)) for d, w in figures.warnings))
    body = (
        '<main><div class="facts">'
        f'<section><h2>Documents</h2><p id="documents">processed: <b>{figures.documents}</b>, '
        f"failed: <b>{figures.failures}</b></p></section>"
        f"<section><h2>Events per month</h2>{events_chart}"
        f"{table(['month', 'events'], ((m, figures.events_per_month[m]) for m in months), numeric=[1])}</section>"
        f"<section><h2>Total investment per category per month (亿元, CNY; breakdowns left out)</h2>{invest_chart}"
        f"{table(['month', 'category', '亿元', 'yuan'], invest_rows, numeric=[2, 3])}</section>"
        "</div><div class=\"facts\">"
        f"<section><h2>Most named leaders</h2>{leaders}</section>"
        f"<section><h2>Directives per speaker</h2>{speakers}</section>"
        f"<section><h2>Records with warnings</h2>{warnings}</section></div></main>"
    )
    return page(f"zhnews report: {name}", f"{figures.documents} records, {figures.failures} failures", body)


def write_report(records_path: str | Path, out: str | Path) -> BatchFigures:
    figures = figures_from(records_path)
    Path(out).write_text(render_report(figures, escape(Path(records_path).name)), encoding="utf-8")
    return figures
