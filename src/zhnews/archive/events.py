"""One event, many reports: records that report the same event grouped under an ``event_id``.

Precision first (a wrong merge is worse than a missed one). Two records are reports of one event when

* both event dates are known (with the year) and at most one day apart;
* they give the same batch-level figure (``segment`` null): the same category and currency, and the
  same amount (then the counts agree where both give one), or, where neither gives an amount, the same
  count — a figure is found through a blocking key (date, category, currency, amount or count), looked
  up on the day before, the day itself and the day after, so no pair outside a key is ever compared;
* they share a leader (folded name) or a place their figures cover (the places a scope names, or for
  全省 / 本市 the record's place at that level, see ``places.scope_places``);
* and nothing contradicts it: no category and place for which the two give only incompatible figures.

Pairs are joined with a union-find, and two groups are joined only if every report of the one is
compatible with every report of the other and all their dates lie within one day.

The ``events`` table has one row per event and category: the event's figure for that category (the
largest of its reports': a sub-venue's or a city's figure inside the province's is a part of it),
``counted`` marking the rows whose amounts add up to the event's total investment once — a figure
for several kinds together (签约、开工、投产项目共46个, category null) replaces the per-kind rows when
it is at least their sum. An event without any figure has one row with nulls. ``article_events``
maps every record to its event.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from sys import intern  # an archive repeats its names: one string each

from zhnews.archive.officials import event_date
from zhnews.archive.places import Gazetteer, Place, RecordPlaces, fold, gazetteer, scope_places
from zhnews.outputs.columns import Column

COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "stable: derived from the earliest doc id of the event's reports"),
    Column("date", "date"), Column("year", "int"), Column("month", "int"), Column("day", "int"),
    Column("category", "string", "the figure's kind; one row per event and kind"),
    Column("scope", "string"), Column("place", "string", "the place the figure covers"),
    Column("province", "string"), Column("count", "int"), Column("amount", "decimal", "whole units"),
    Column("currency", "string"),
    Column("counted", "bool", "the rows that add up to the event's investment, once"),
    Column("reports", "int", "how many records report the event"), Column("doc_ids", "strings"),
)
ARTICLE_EVENT_COLUMNS: tuple[Column, ...] = (Column("doc_id", "string"), Column("event_id", "string"))
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Figure:
    """A batch-level figure of one report, with the places its scope covers."""

    category: str | None
    scope: str | None
    count: int | None
    amount: Decimal | None
    currency: str | None
    places: tuple[Place, ...]

    @property
    def block(self) -> tuple:
        """The blocking key (without the date): a candidate pair shares one."""
        if self.amount is not None:
            return (self.category, self.currency, "amount", self.amount)
        return (self.category, None, "count", self.count)

    def agrees(self, other: Figure) -> bool:
        """The same figure: equal amount (counts equal where both give one), or no amounts and equal counts."""
        if self.category != other.category or self.currency != other.currency:
            return False
        if self.amount is not None or other.amount is not None:
            return self.amount == other.amount and (self.count is None or other.count is None
                                                    or self.count == other.count)
        return self.count is not None and self.count == other.count

    def compatible(self, other: Figure) -> bool:
        """Not contradicting: each number equal where both give it."""
        return all(a is None or b is None or a == b
                   for a, b in ((self.count, other.count), (self.amount, other.amount)))

    def rank(self) -> tuple:
        return (self.amount is not None, self.currency == "CNY", self.amount or 0, self.count or 0, bool(self.places))


@dataclass(frozen=True, slots=True)
class Report:
    """What one record says about its event."""

    doc_id: str
    date: dt.date | None
    month_day: tuple[int | None, int | None, int | None]  # year, month, day as the record has them
    figures: tuple[Figure, ...]
    leaders: frozenset[str]

    @property
    def place_keys(self) -> frozenset[str]:
        return frozenset(p.key for f in self.figures for p in f.places)


def _amount(stat: dict) -> tuple[Decimal | None, str | None]:
    money = stat.get("investment") or {}
    if not money:
        return None, None
    return Decimal(str(money["amount"])), money.get("currency")


def report_of(record: dict, gaz: Gazetteer | None = None) -> Report:
    """The report of one record (its batch-level figures, leaders and date)."""
    gaz = gaz or gazetteer()
    places = RecordPlaces.of(record, gaz)
    figures = []
    for stat in record.get("project_stats") or []:
        if stat.get("segment") is not None:
            continue
        amount, currency = _amount(stat)
        if amount is None and stat.get("count") is None:
            continue
        figures.append(Figure(stat.get("category"), stat.get("scope"), stat.get("count"), amount, currency,
                              tuple(scope_places(stat.get("scope"), places))))
    date = record.get("event_date") or {}
    return Report(
        record.get("doc_id") or "", event_date(record), (date.get("year"), date.get("month"), date.get("day")),
        tuple(figures), frozenset(intern(fold(leader["name"])) for leader in record.get("leaders") or []),
    )


def shares_a_figure(a: Report, b: Report) -> bool:
    return any(fa.agrees(fb) for fa in a.figures for fb in b.figures)


def contradicts(a: Report, b: Report) -> bool:
    """Some category and place for which the two reports give only incompatible figures."""
    cells: dict[tuple, tuple[list[Figure], list[Figure]]] = defaultdict(lambda: ([], []))
    for side, report in enumerate((a, b)):
        for figure in report.figures:
            for place in figure.places:
                cells[(figure.category, figure.currency, place.key)][side].append(figure)
    return any(left and right and not any(f.compatible(g) for f in left for g in right)
               for left, right in cells.values())


def same_event(a: Report, b: Report) -> bool:
    """The pair rule of the module's docstring."""
    if a.date is None or b.date is None or abs(a.date - b.date) > ONE_DAY:
        return False
    if not shares_a_figure(a, b):
        return False
    if not (a.leaders & b.leaders or a.place_keys & b.place_keys):
        return False
    return not contradicts(a, b)


def candidate_pairs(reports: list[Report]) -> Iterable[tuple[int, int]]:
    """Pairs (i < j) of reports sharing a blocking key on the same or an adjacent day."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        if report.date is not None:
            for block in {f.block for f in report.figures}:
                index[(report.date, block)].append(i)
    seen: set[tuple[int, int]] = set()
    for (date, block), members in index.items():
        for offset in (0, 1):
            others = index.get((date + offset * ONE_DAY, block), ())
            for i in members:
                for j in others:
                    pair = (min(i, j), max(i, j))
                    if i != j and pair not in seen:
                        seen.add(pair)
                        yield pair


def _signature(report: Report) -> frozenset:
    """What ``contradicts`` reads of a report (reports alike in it need checking once)."""
    return frozenset((f.category, f.currency, f.count, f.amount, frozenset(p.key for p in f.places))
                     for f in report.figures)


def group_reports(reports: list[Report]) -> list[list[Report]]:
    """Reports grouped by event (every report in exactly one group).

    Reports alike in everything the rule reads (a reprint) are grouped first: one of them stands for
    all in the pairwise stage, so a story reprinted a hundred times costs one comparison, not 5,000.
    """
    alike: dict[tuple, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        alike[(report.date, _signature(report), report.leaders)].append(i)
    families = list(alike.values())
    out = []
    for group in _group_distinct([reports[family[0]] for family in families]):
        lone = len(group) == 1 and not same_event(reports[families[group[0]][0]], reports[families[group[0]][0]])
        if lone:  # copies that are no event's reports: each its own
            out.extend([reports[i]] for i in families[group[0]])
        else:
            out.append(sorted((reports[i] for f in group for i in families[f]), key=lambda r: r.doc_id))
    return out


def _group_distinct(reports: list[Report]) -> list[list[int]]:
    """The pairwise stage: groups of indices into ``reports``."""
    parent = list(range(len(reports)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(reports))}
    kinds: dict[int, dict[frozenset, int]] = {i: {_signature(r): i} for i, r in enumerate(reports)}
    span: dict[int, tuple[dt.date, dt.date]] = {i: (r.date, r.date) for i, r in enumerate(reports) if r.date}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidate_pairs(reports)):
        a, b = find(i), find(j)
        if a == b or not same_event(reports[i], reports[j]):
            continue
        first, last = min(span[a][0], span[b][0]), max(span[a][1], span[b][1])
        if last - first > ONE_DAY:
            continue
        if any(contradicts(reports[x], reports[y]) for x in kinds[a].values() for y in kinds[b].values()):
            continue
        keep, drop = min(a, b), max(a, b)
        parent[drop] = keep
        members[keep].extend(members.pop(drop))
        kinds[keep].update(kinds.pop(drop))
        span[keep] = (first, last)
    return list(members.values())


def event_id(doc_ids: Iterable[str]) -> str:
    """A stable id derived from the smallest doc id of the event's reports."""
    return "e-" + hashlib.sha1(min(doc_ids).encode()).hexdigest()[:12]


def _event_date(group: list[Report]) -> tuple[dt.date | None, tuple]:
    dates = Counter(r.date for r in group if r.date)
    if not dates:
        return None, group[0].month_day
    date = min(dates, key=lambda d: (-dates[d], d))  # the most reported day, the earliest on a tie
    return date, (date.year, date.month, date.day)


def _principal(group: list[Report]) -> dict[str | None, Figure]:
    best: dict[str | None, Figure] = {}
    for report in group:
        for figure in report.figures:
            current = best.get(figure.category)
            if current is None or figure.rank() > current.rank():
                best[figure.category] = figure
    return best


def _counted(figures: dict[str | None, Figure]) -> set[str | None]:
    """The categories whose amounts make the event's total once (per currency)."""
    counted: set[str | None] = set()
    for currency in {f.currency for f in figures.values() if f.amount is not None}:
        specific = [c for c, f in figures.items() if c is not None and f.currency == currency and f.amount is not None]
        together = figures.get(None)
        part_sum = sum((figures[c].amount for c in specific), Decimal(0))
        if together is not None and together.currency == currency and together.amount is not None \
                and together.amount >= part_sum:
            counted.add(None)
        else:
            counted.update(specific)
    return counted


def _place_columns(figure: Figure) -> tuple[str | None, str | None]:
    if not figure.places:
        return None, None
    provinces = {p.province for p in figure.places}
    return "、".join(p.name for p in figure.places), provinces.pop() if len(provinces) == 1 else None


def _ordered(row: dict) -> dict:
    return {name: row[name] for name in (c.name for c in COLUMNS)}


def event_rows(group: list[Report]) -> list[dict]:
    """The rows of one event (one per category; one row of nulls when it has no figure)."""
    doc_ids = sorted(r.doc_id for r in group)
    eid = event_id(doc_ids)
    date, (year, month, day) = _event_date(group)
    base = {"event_id": eid, "date": date, "year": year, "month": month, "day": day,
            "reports": len(group), "doc_ids": doc_ids}
    figures = _principal(group)
    if not figures:
        return [_ordered({**base, "category": None, "scope": None, "place": None, "province": None, "count": None,
                          "amount": None, "currency": None, "counted": False})]
    counted = _counted(figures)
    rows = []
    for category in sorted(figures, key=lambda c: (c is None, c or "")):
        figure = figures[category]
        place, province = _place_columns(figure)
        rows.append(_ordered({**base, "category": category, "scope": figure.scope, "place": place,
                              "province": province, "count": figure.count, "amount": figure.amount,
                              "currency": figure.currency,
                              "counted": category in counted and figure.amount is not None}))
    return rows


class EventsBuilder:
    """Collects reports record by record (one pass over a batch), then gives the two tables."""

    def __init__(self) -> None:
        self.gaz = gazetteer()
        self.reports: list[Report] = []

    def add(self, record: dict) -> None:
        self.reports.append(report_of(record, self.gaz))

    def tables(self) -> tuple[list[dict], list[dict]]:
        """(events rows, article_events rows)."""
        events, links = [], []
        for group in group_reports(self.reports):
            rows = event_rows(group)
            events.extend(rows)
            links.extend({"doc_id": r.doc_id, "event_id": rows[0]["event_id"]} for r in group)
        events.sort(key=lambda r: (r["date"] is None, r["date"] or dt.date.min, r["event_id"], r["category"] or ""))
        links.sort(key=lambda r: r["doc_id"])
        return events, links


def events_tables(records: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """The events and article_events tables of a batch's records; see ``COLUMNS``."""
    builder = EventsBuilder()
    for record in records:
        builder.add(record)
    return builder.tables()
