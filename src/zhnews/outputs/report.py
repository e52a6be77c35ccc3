"""``zhnews report``: a one-page picture of a batch (self-contained HTML, inline SVG charts).

Events are counted once however many records report them (``zhnews.archive.events``), and so is their
investment; officials are people across the batch (``zhnews.archive.officials``). Time runs on one axis
by month, quarter or year (whichever keeps the bars readable), with the events whose year is unknown
in a group of their own beside it.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path

from zhnews.archive.builder import ArchiveBuilder
from zhnews.archive.places import gazetteer
from zhnews.io.batch import errors_path
from zhnews.outputs.export import NotRecordsError, iter_records
from zhnews.outputs.html_page import (
    YI,
    bar_chart,
    page,
    responsive,
    slot_estimate,
    stride_for,
    table,
    text_width,
    thousands,
)

UNKNOWN_YEAR = "????"
SEVERAL = "several kinds"  # a figure for several kinds of batch together (category null)
NOT_PLACED = "(not placed)"
NO_YEAR_CAPTION = "year not given"
MAX_MONTHS, MAX_QUARTERS = 36, 48  # longer spans are drawn by quarter, then by year
WIDE, NARROW = 640, 340


def month_of(record: dict) -> str | None:
    """YYYY-MM of the event (???? when the year is unknown), or None without an event date."""
    date = record.get("event_date")
    if not date:
        return None
    year = date.get("year")
    return f"{year if year is not None else UNKNOWN_YEAR}-{date['month']:02d}"


@dataclass(frozen=True)
class Periods:
    """The time axis: consecutive periods from the first to the last dated event."""

    unit: str  # month, quarter or year
    labels: tuple[str, ...]

    @classmethod
    def spanning(cls, first: dt.date, last: dt.date) -> Periods:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months <= MAX_MONTHS:
            unit = "month"
        elif months <= MAX_QUARTERS * 3:
            unit = "quarter"
        else:
            unit = "year"
        labels, seen = [], set()
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            label = period_label(unit, year, month)
            if label not in seen:
                seen.add(label)
                labels.append(label)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return cls(unit, tuple(labels))

    def of(self, year: int, month: int) -> str:
        return period_label(self.unit, year, month)


def period_label(unit: str, year: int, month: int) -> str:
    if unit == "month":
        return f"{year}-{month:02d}"
    if unit == "quarter":
        return f"{year} Q{(month - 1) // 3 + 1}"
    return str(year)


def period_ticks(periods: Periods, slot: float, font_size: int) -> list[str]:
    """The x labels of the dated periods, thinned on round steps so that they fit ``slot`` px a period:
    months every 1, 2, 3, 6 or 12 months (on January, April …); quarters and years by the year, every
    1, 2, 5, 10 … years (a quarter's label on its Q1)."""
    year_px = text_width("2024", font_size) + 8
    out = []
    if periods.unit == "month":
        every = stride_for(text_width("2024-01", font_size) + 8, slot, (1, 2, 3, 6, 12))
        for label in periods.labels:
            month = int(label[5:])
            out.append((label[:4] if every == 12 else label) if (month - 1) % every == 0 else "")
        if every == 12 and not any(out):
            out[0] = periods.labels[0]
        return out
    per_year = 4 if periods.unit == "quarter" else 1
    every = stride_for(year_px, slot * per_year)
    for label in periods.labels:
        year = int(label[:4])
        first_of_year = per_year == 1 or label.endswith("Q1")
        out.append(label[:4] if first_of_year and year % every == 0 else "")
    return out


def yearless_label(month: int) -> str:
    return f"{month}月"


@dataclass
class BatchFigures:
    """What the report shows, computed from the records (and the errors file)."""

    documents: int = 0
    failures: int = 0
    failure_types: Counter = field(default_factory=Counter)
    failure_examples: dict[str, str] = field(default_factory=dict)
    speaker_groups: Counter = field(default_factory=Counter)
    speaker_items: Counter = field(default_factory=Counter)
    warnings: list[tuple[str, list[str]]] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # rows of the events table
    officials: list[dict] = field(default_factory=list)  # rows of the officials table
    _archive: ArchiveBuilder = field(default_factory=ArchiveBuilder, repr=False)

    def add(self, record: dict) -> None:
        self.documents += 1
        self._archive.add(record)
        for group in record.get("directives") or []:
            speaker = (group.get("speaker") or {}).get("name") or "(unknown)"
            self.speaker_groups[speaker] += 1
            self.speaker_items[speaker] += len(group["items"])
        if record.get("warnings"):
            self.warnings.append((record.get("doc_id") or "", record["warnings"]))

    def add_error(self, error: dict) -> None:
        self.failures += 1
        kind = error.get("type") or "(unknown)"
        self.failure_types[kind] += 1
        self.failure_examples.setdefault(kind, f"{error.get('doc_id') or ''}: {error.get('message') or ''}")

    def finish(self) -> BatchFigures:
        with self._archive:
            for name, row in self._archive.rows():
                if name == "events":
                    self.events.append(row)
                elif name == "officials":
                    self.officials.append(row)
        return self

    def close(self) -> None:
        """Let go of the store of the tables across records (``finish`` does, once they are made)."""
        self._archive.close()

    # What the sections show, from the rows.

    def event_count(self) -> int:
        return len({row["event_id"] for row in self.events})

    def first_rows(self) -> list[dict]:
        """One row per event (its first)."""
        seen, out = set(), []
        for row in self.events:
            if row["event_id"] not in seen:
                seen.add(row["event_id"])
                out.append(row)
        return out

    def periods(self) -> Periods | None:
        dated = [dt.date(r["year"], r["month"], 1) for r in self.events if r["year"] is not None and r["month"]]
        return Periods.spanning(min(dated), max(dated)) if dated else None

    def axis(self) -> list[tuple[str | None, tuple[str, ...]]]:
        """The x axis: the dated periods, then the months of year-less events, each group once."""
        groups: list[tuple[str | None, tuple[str, ...]]] = []
        periods = self.periods()
        if periods:
            groups.append((f"by {periods.unit}", periods.labels))
        months = sorted({r["month"] for r in self.events if r["year"] is None and r["month"]})
        if months:
            groups.append((NO_YEAR_CAPTION, tuple(yearless_label(m) for m in months)))
        return groups

    def slot_of(self, row: dict, periods: Periods | None) -> str | None:
        if row["year"] is not None and periods:
            return periods.of(row["year"], row["month"])
        return yearless_label(row["month"]) if row["month"] else None

    def events_per_slot(self) -> tuple[Counter, Counter]:
        """(events, reports) per axis slot, each event once."""
        periods, events, reports = self.periods(), Counter(), Counter()
        for row in self.first_rows():
            slot = self.slot_of(row, periods)
            if slot:
                events[slot] += 1
                reports[slot] += row["reports"]
        return events, reports

    def counted_cny(self) -> list[dict]:
        """The events rows whose CNY amounts make each event's total once."""
        return [r for r in self.events if r["counted"] and r["currency"] == "CNY" and r["amount"] is not None]

    def investment_per_slot(self) -> dict[str, dict[str, Decimal]]:
        """category -> slot -> yuan, counted once per event."""
        periods = self.periods()
        out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for row in self.counted_cny():
            slot = self.slot_of(row, periods)
            if slot:
                out[row["category"] or SEVERAL][slot] += row["amount"]
        return out

    def investment_per_region(self) -> list[tuple[str, int, dict[str, Decimal]]]:
        """(province, events, category -> yuan), largest total first."""
        regions: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        events: dict[str, set[str]] = defaultdict(set)
        for row in self.counted_cny():
            region = _short_province(row["province"]) if row["province"] else NOT_PLACED
            regions[region][row["category"] or SEVERAL] += row["amount"]
            events[region].add(row["event_id"])
        return sorted(((r, len(events[r]), dict(c)) for r, c in regions.items()),
                      key=lambda item: (item[0] == NOT_PLACED, -sum(item[2].values()), item[0]))

    def people(self) -> list[tuple[str, int, list[str]]]:
        """(name, articles, posts with their places) per person, most articles first."""
        by_person: dict[str, list[dict]] = defaultdict(list)
        for row in self.officials:
            by_person[row["person_id"]].append(row)
        out = []
        for rows in by_person.values():
            docs = {d for row in rows for d in row["doc_ids"]}
            posts = [f"{row['post']}（{row['place']}）" if row["place"] else row["post"] for row in rows if row["post"]]
            out.append((rows[0]["name"], len(docs), posts))
        return sorted(out, key=lambda item: (-item[1], -len(item[2]), item[0]))


def _short_province(name: str) -> str:
    """宁夏回族自治区 -> 宁夏, 河南省 -> 河南 (the form tables have room for)."""
    found = gazetteer().named(name)
    return found[0].short or name if len(found) == 1 else name


def figures_from(records_path: str | Path) -> BatchFigures:
    """Read a batch's records (and its errors file, when present); NotRecordsError for any other input."""
    figures = BatchFigures()
    try:
        _read_into(figures, Path(records_path))
    except BaseException:
        figures.close()
        raise
    return figures.finish()


def _read_into(figures: BatchFigures, path: Path) -> None:
    for number, record in enumerate(iter_records(path), start=1):
        try:
            figures.add(record)
        except (KeyError, TypeError, AttributeError) as exc:
            raise NotRecordsError(f"{path}: record {number} is malformed ({exc!r})") from exc
    errors = errors_path(path)
    if errors.exists():
        for line in errors.open(encoding="utf-8"):
            if line.strip():
                try:
                    figures.add_error(json.loads(line))
                except json.JSONDecodeError:
                    figures.add_error({"type": "(unreadable error line)"})


def _details(summary: str, body: str, *, shown: bool = False) -> str:
    return f"<details{' open' if shown else ''}><summary>{escape(summary)} (table)</summary>{body}</details>"


def _row_label(slot: str) -> str:
    """A period as a table row names it: a year-less month says so."""
    return f"{slot} ({NO_YEAR_CAPTION})" if slot.endswith("月") else slot


def _yi(amount: Decimal) -> str:
    return thousands((amount / YI).quantize(Decimal("0.01")).normalize())


def _chart(figures: BatchFigures, groups, series, *, unit: str, stacked: bool = False,
           integer: bool = False) -> str:
    if not groups:
        return "<p>(no dated events)</p>"
    periods = figures.periods()

    def one(width: int, height: int, font_size: int) -> str:
        ticks: list[str] = []
        for caption, labels in groups:
            if periods and caption == f"by {periods.unit}":
                ticks.extend(period_ticks(periods, slot_estimate(width, groups), font_size))
            else:
                ticks.extend(labels)
        return bar_chart(groups, series, unit=unit, width=width, height=height, stacked=stacked, integer=integer,
                         font_size=font_size, ticks=ticks)

    return responsive(one(WIDE, 250, 12), one(NARROW, 230, 11))


def _events_section(figures: BatchFigures) -> str:
    groups = figures.axis()
    labels = [label for _, group in groups for label in group]
    events, reports = figures.events_per_slot()
    chart = _chart(figures, groups, {"events": [events[s] for s in labels]}, unit="events", integer=True)
    undated = sum(1 for row in figures.first_rows() if not row["month"])
    rows = [(_row_label(s), events[s], reports[s]) for s in labels if events[s]]
    return (f"<section><h2>Events over time</h2>{chart}"
            f'<p class="note">Each event once, however many records report it; {undated} without a date.</p>'
            f"{_details('events per period', table(['period', 'events', 'records'], rows, numeric=[1, 2]))}"
            "</section>")


def _investment_section(figures: BatchFigures) -> str:
    groups = figures.axis()
    labels = [label for _, group in groups for label in group]
    per_slot = figures.investment_per_slot()
    series = {c: [float(per_slot[c].get(s, 0) / YI) for s in labels] for c in sorted(per_slot)}
    chart = _chart(figures, groups, series, unit="亿元", stacked=True) if per_slot else \
        "<p>(no investment figures)</p>"
    rows = [(_row_label(s), c, _yi(per_slot[c][s]), thousands(per_slot[c][s])) for s in labels for c in sorted(per_slot)
            if per_slot[c].get(s)]
    headers = ["period", "category", "亿元", "yuan"]
    return ("<section><h2>Investment per category over time (亿元, CNY)</h2>"
            f'{chart}<p class="note">Counted once per event (the event\'s figure per kind; breakdowns left out; '
            "a figure for several kinds together replaces the kinds it covers).</p>"
            f"{_details('investment per period', table(headers, rows, numeric=[2, 3]), shown=True)}"
            "</section>")


def _region_section(figures: BatchFigures) -> str:
    regions = figures.investment_per_region()
    categories = sorted({c for _, _, per in regions for c in per})
    rows = [(region, n, *(_yi(per[c]) if c in per else "" for c in categories), _yi(sum(per.values())))
            for region, n, per in regions]
    headers = ["province", "events", *categories, "total"]
    return ("<section><h2>Investment per province (亿元, CNY, once per event)</h2>"
            '<p class="note">The province of the place the event\'s figure covers (a named scope, or 全省 / 全市 '
            "placed by the report's officials, headline or outlet).</p>"
            f"{table(headers, rows, numeric=range(1, len(headers)))}</section>")


def _merged_section(figures: BatchFigures) -> str:
    merged = [r for r in figures.first_rows() if r["reports"] > 1]
    rows = [(r["date"] or "", r["place"] or r["scope"] or "", r["reports"], " ".join(r["doc_ids"])) for r in merged]
    body = table(["date", "place", "records", "doc ids"], rows, numeric=[2]) if rows else \
        "<p>None: no two records report the same event.</p>"
    return f"<section><h2>Events reported by several records</h2>{body}</section>"


def _failures_section(figures: BatchFigures) -> str:
    rows = [(kind, n, figures.failure_examples[kind]) for kind, n in figures.failure_types.most_common()]
    body = table(["error type", "documents", "first example"], rows, numeric=[1]) if rows else "<p>None.</p>"
    return f"<section><h2>Failures by type</h2>{body}</section>"


def render_report(figures: BatchFigures, name: str, top: int = 20) -> str:
    people = table(["official", "articles", "posts"], (
        (person, n, "、".join(posts)) for person, n, posts in figures.people()[:top]), numeric=[1])
    speakers = table(["speaker", "numbered lists", "items"], (
        (s, n, figures.speaker_items[s]) for s, n in figures.speaker_groups.most_common(top)), numeric=[1, 2])
    warnings = table(["doc_id", "warnings"], ((d, "; ".join(w)) for d, w in figures.warnings)) \
        if figures.warnings else "<p>None.</p>"
    events = figures.event_count()
    body = (
        '<main><div class="facts">'
        f'<section><h2>Documents</h2><p id="documents">processed: <b>{thousands(figures.documents)}</b>, '
        f"failed: <b>{thousands(figures.failures)}</b>, events: <b>{thousands(events)}</b> "
        f"({thousands(figures.documents - events)} records report an event another record reports)</p></section>"
        f"{_failures_section(figures)}{_events_section(figures)}{_investment_section(figures)}"
        '</div><div class="facts">'
        f"{_region_section(figures)}{_merged_section(figures)}"
        f"<section><h2>Most named officials</h2>{people}</section>"
        f"<section><h2>Directives per speaker</h2>{speakers}</section>"
        f"<section><h2>Records with warnings</h2>{warnings}</section></div></main>"
    )
    subtitle = f"{figures.documents} records, {events} events, {figures.failures} failures"
    return page(f"zhnews report: {name}", subtitle, body)


def write_report(records_path: str | Path, out: str | Path) -> BatchFigures:
    figures = figures_from(records_path)
    Path(out).write_text(render_report(figures, escape(Path(records_path).name)), encoding="utf-8")
    return figures
