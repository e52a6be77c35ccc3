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

Pairs are joined with a union-find, day by day in date order (a day's pairs among themselves and with
the next day's, by doc id), and two groups are joined only if every report of the one is compatible with
every report of the other and all their dates lie within one day. So a group is final once the day after
its last report has been read: the reports come from an ``ArchiveStore`` one day at a time, and at most
three days of them are held, however large the archive.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from sys import intern  # an archive repeats its names: one string each

from zhnews.archive.officials import event_date
from zhnews.archive.places import Gazetteer, Place, RecordPlaces, fold, gazetteer, scope_places
from zhnews.archive.store import ArchiveStore
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


def report_of(record: dict, gaz: Gazetteer | None = None, places: RecordPlaces | None = None) -> Report:
    """The report of one record (its batch-level figures, leaders and date); ``places``: the record's, when
    already read (``RecordPlaces.of``)."""
    gaz = gaz or gazetteer()
    places = places if places is not None else RecordPlaces.of(record, gaz)
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
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        if report.date is not None:
            by_day[report.date].append(i)
    for date, today in by_day.items():
        tomorrow = by_day.get(date + ONE_DAY, [])
        ids = today + tomorrow
        for x, y in _day_pairs([reports[i] for i in today], [reports[i] for i in tomorrow]):
            yield min(ids[x], ids[y]), max(ids[x], ids[y])


def _day_pairs(today: list[Report], tomorrow: list[Report]) -> set[tuple[int, int]]:
    """The candidate pairs of one day: indices into ``today + tomorrow``, at least one of them today's,
    sharing a blocking key; each pair once."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, report in enumerate(today):
        for block in {f.block for f in report.figures}:
            index[block].append(i)
    later: dict[tuple, list[int]] = defaultdict(list)
    for j, report in enumerate(tomorrow, start=len(today)):
        for block in {f.block for f in report.figures}:
            if block in index:
                later[block].append(j)
    pairs: set[tuple[int, int]] = set()
    for block, members in index.items():
        pairs.update((members[x], members[y]) for x in range(len(members)) for y in range(x + 1, len(members)))
        pairs.update((i, j) for i in members for j in later.get(block, ()))
    return pairs


def _signature(report: Report) -> frozenset:
    """What ``contradicts`` reads of a report (reports alike in it need checking once)."""
    return frozenset((f.category, f.currency, f.count, f.amount, frozenset(p.key for p in f.places))
                     for f in report.figures)


def group_days(days: Iterable[list[Report]]) -> Iterator[list[Report]]:
    """The events of dated reports given one day at a time, days ascending: each group sorted by doc id,
    the groups in the order of their first day.

    Pairs are joined day by day (a day's pairs among themselves and with the next day's, in the order of
    their doc ids, so the result does not depend on the order of the records), and a group is given as
    soon as no later day can join it: the reports of three consecutive days at most are held. Reports alike in
    everything the rule reads (a reprint) are grouped first: one of them stands for all in the pairwise
    stage, so a story reprinted a hundred times costs one comparison, not 5,000.
    """
    window = _Window()
    for day in days:
        yield from window.add(day)
    yield from window.close()


class _Window:
    """The pairwise stage over the reports of the days still open (see ``group_days``)."""

    def __init__(self) -> None:
        self.families: dict[int, list[Report]] = {}  # a representative's id -> the reports alike (it first)
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}  # a root -> its representatives
        self.kinds: dict[int, dict[frozenset, int]] = {}  # a root -> one representative per signature
        self.span: dict[int, tuple[dt.date, dt.date]] = {}
        self.day: tuple[dt.date, list[int]] | None = None  # the last day given, its representatives
        self.next_id = 0

    def _find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _families(self, reports: list[Report]) -> list[int]:
        alike: dict[tuple, list[Report]] = defaultdict(list)
        for report in sorted(reports, key=lambda r: r.doc_id):
            alike[(_signature(report), report.leaders)].append(report)
        ids = []
        for family in alike.values():
            i, self.next_id = self.next_id, self.next_id + 1
            self.families[i], self.parent[i], self.members[i] = family, i, [i]
            self.kinds[i], self.span[i] = {_signature(family[0]): i}, (family[0].date, family[0].date)
            ids.append(i)
        return ids

    def _join(self, i: int, j: int) -> None:
        a, b = self._find(i), self._find(j)
        first_report, second_report = self.families[i][0], self.families[j][0]
        if a == b or not same_event(first_report, second_report):
            return
        first, last = min(self.span[a][0], self.span[b][0]), max(self.span[a][1], self.span[b][1])
        if last - first > ONE_DAY:
            return
        if any(contradicts(self.families[x][0], self.families[y][0])
               for x in self.kinds[a].values() for y in self.kinds[b].values()):
            return
        keep, drop = min(a, b), max(a, b)
        self.parent[drop] = keep
        self.members[keep].extend(self.members.pop(drop))
        self.kinds[keep].update(self.kinds.pop(drop))
        self.span[keep] = (first, last)
        del self.span[drop]

    def _stage(self, today: list[int], tomorrow: list[int]) -> None:
        ids = today + tomorrow
        reports = [self.families[i][0] for i in ids]
        pairs = [(ids[x], ids[y]) for x, y in _day_pairs(reports[: len(today)], reports[len(today):])]
        for i, j in sorted(pairs, key=lambda p: tuple(sorted((self.families[p[0]][0].doc_id,
                                                               self.families[p[1]][0].doc_id)))):
            self._join(i, j)

    def _groups(self, done: Iterable[int]) -> Iterator[list[Report]]:
        """Give the groups of these roots (in the order of their first day) and forget them."""
        for root in sorted(done, key=lambda r: (self.span[r][0], min(self.families[i][0].doc_id
                                                                      for i in self.members[r]))):
            members = self.members.pop(root)
            del self.kinds[root], self.span[root]
            families = [self.families.pop(i) for i in members]
            for i in members:
                del self.parent[i]
            if len(families) == 1 and not same_event(families[0][0], families[0][0]):
                yield from ([report] for report in families[0])  # copies that are no event's reports
            else:
                yield sorted((report for family in families for report in family), key=lambda r: r.doc_id)

    def add(self, reports: list[Report]) -> Iterator[list[Report]]:
        date, ids = reports[0].date, self._families(reports)
        if self.day is not None:
            previous, previous_ids = self.day
            self._stage(previous_ids, ids if date - previous == ONE_DAY else [])
            # Only groups holding one of today's reports can still be joined (by today's pairs).
            yield from self._groups([root for root, (_, last) in self.span.items() if last < date])
        self.day = (date, ids)

    def close(self) -> Iterator[list[Report]]:
        if self.day is not None:
            self._stage(self.day[1], [])
            self.day = None
        yield from self._groups(list(self.span))


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


def _row_order(row: dict) -> tuple:
    return (row["date"] is None, row["date"] or dt.date.min, row["event_id"], row["category"] or "")


class EventsBuilder:
    """Collects reports record by record (one pass over a batch) into an ``ArchiveStore``, then gives the
    two tables; the store's links (doc id -> event id) are those of ``article_events``."""

    def __init__(self, store: ArchiveStore | None = None) -> None:
        self.gaz = gazetteer()
        self.store = store if store is not None else ArchiveStore()
        self._grouped = False

    def add(self, record: dict, places: RecordPlaces | None = None) -> None:
        report = report_of(record, self.gaz, places)
        self.store.add_report(report, event_id([report.doc_id]))

    def events(self) -> Iterator[dict]:
        """The events table's rows in its order (date, event id, category), a day's at a time, the events
        without a date last; each record's event goes to the store's links as its group is made."""
        if self._grouped:
            raise RuntimeError("EventsBuilder.events() gives the table once")
        self._grouped = True
        waiting: list[dict] = []
        first_day: dt.date | None = None
        for group in group_days(self.store.days()):
            first = min(report.date for report in group)
            if first != first_day:  # the groups come by first day, and no event is dated before its first
                ready = [row for row in waiting if row["date"] < first]
                waiting = [row for row in waiting if row["date"] >= first]
                yield from sorted(ready, key=_row_order)
                first_day = first
            waiting.extend(self._rows(group))
        yield from sorted(waiting, key=_row_order)
        for report in self.store.undated():  # each its own event, by event id (the store's order)
            yield from sorted(self._rows([report]), key=_row_order)

    def _rows(self, group: list[Report]) -> list[dict]:
        rows = event_rows(group)
        for report in group:
            self.store.add_link(report.doc_id, rows[0]["event_id"])
        return rows

    def tables(self) -> tuple[list[dict], list[dict]]:
        """(events rows, article_events rows), in memory."""
        events = list(self.events())
        return events, [{"doc_id": doc_id, "event_id": event} for doc_id, event in self.store.links()]


def events_tables(records: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """The events and article_events tables of a batch's records; see ``COLUMNS``."""
    with ArchiveStore() as store:
        builder = EventsBuilder(store)
        for record in records:
            builder.add(record)
        return builder.tables()
