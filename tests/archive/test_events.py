"""One event, many reports: which constructed records are grouped into one event, and how the events
table counts an event's investment once."""
from __future__ import annotations

from decimal import Decimal

import pytest

from zhnews.archive.events import COLUMNS, candidate_pairs, events_tables, report_of


def stat(category, count, amount=None, scope=None, segment=None, currency="CNY"):
    investment = {"amount": amount, "currency": currency, "text": "", "span": [0, 0]} if amount is not None else None
    return {"category": category, "scope": scope, "segment": segment, "count": count, "investment": investment,
            "text": "", "span": [0, 0]}


def record(doc_id, date, stats, leaders=(), *, source=None, headline=None):
    year, month, day = date
    return {
        "doc_id": doc_id, "source": source,
        "title": {"headline": {"text": headline, "span": [0, 1]} if headline else None, "subtitles": []},
        "event_date": {"year": year, "month": month, "day": day, "year_source": "text", "text": "", "span": [0, 0]},
        "leaders": [{"name": n, "titles": list(t), "mentions": [[0, 1]]} for n, t in leaders],
        "project_stats": list(stats),
    }


def groups(records):
    """The doc ids of each event, as a set of frozensets."""
    _, links = events_tables(records)
    by_event: dict[str, set] = {}
    for link in links:
        by_event.setdefault(link["event_id"], set()).add(link["doc_id"])
    return {frozenset(v) for v in by_event.values()}


# A city's signing ceremony as its daily reports it: the batch, then its breakdowns.
CITY_DAILY = record("daily", (2023, 3, 15), [
    stat("签约", 45, 31260000000, "全市"),
    stat("签约", 30, 20110000000, "全市", segment="产业项目"),
    stat("签约", 15, 11150000000, "全市", segment="基础设施项目"),
], [("李国华", ["市委书记"]), ("张晓红", ["市长"])], source="许昌日报", headline="我市45个项目集中签约")


@pytest.mark.parametrize("other", [
    # a portal: other wording, no breakdowns, the city named, one leader in common
    record("portal", (2023, 3, 15), [stat("签约", 45, 31260000000, "许昌市")], [("李国华", ["许昌市委书记"])]),
    # the provincial daily one day later ("昨天"), the scope only in common, no leaders
    record("province", (2023, 3, 16), [stat("签约", 45, 31260000000, "许昌")]),
    # a wire story that gives the amount but no count, the mayor in common
    record("wire", (2023, 3, 14), [stat("签约", None, 31260000000)], [("张晓红", [])]),
    # traditional characters and a typesetting space in the shared leader's name
    record("hk", (2023, 3, 15), [stat("签约", 45, 31260000000)], [("李 國華", ["市委書記"])]),
])
def test_the_same_event_by_two_outlets_is_one_event(other):
    assert groups([CITY_DAILY, other]) == {frozenset({"daily", other["doc_id"]})}
    events, _ = events_tables([CITY_DAILY, other])
    (row,) = [r for r in events if r["category"] == "签约"]
    assert (row["reports"], row["amount"], row["count"]) == (2, Decimal(31260000000), 45)
    assert row["counted"] and row["doc_ids"] == sorted(["daily", other["doc_id"]])


@pytest.mark.parametrize("other", [
    # the same day, another city, another batch
    record("other-city", (2023, 3, 15), [stat("签约", 45, 18800000000, "漯河市")], [("王建军", ["市委书记"])]),
    # the same numbers by coincidence, but another city and other leaders
    record("lookalike", (2023, 3, 15), [stat("签约", 45, 31260000000, "全市")], [("王建军", ["市委书记"])],
           source="漯河日报"),
    # the same leaders and place, but two days later: another ceremony
    record("later", (2023, 3, 17), [stat("签约", 45, 31260000000, "许昌市")], [("李国华", ["市委书记"])]),
    # the same place and amount, but groundbreaking, not signing
    record("kind", (2023, 3, 15), [stat("开工", 45, 31260000000, "许昌市")], [("李国华", ["市委书记"])]),
    # the same amount and leader, but another count
    record("count", (2023, 3, 15), [stat("签约", 46, 31260000000, "许昌市")], [("李国华", ["市委书记"])]),
    # a shared figure, but a contradicting figure for the same place and kind
    record("contradiction", (2023, 3, 15), [stat("签约", 45, 31260000000, "许昌市"), stat("开工", 12, 500000000, "许昌市")]
           + [], [("李国华", ["市委书记"])]),
    # no year: it cannot be placed in time
    record("yearless", (None, 3, 15), [stat("签约", 45, 31260000000, "许昌市")], [("李国华", ["市委书记"])]),
    # an amount in another currency
    record("usd", (2023, 3, 15), [stat("签约", 45, 31260000000, "许昌市", currency="USD")], [("李国华", ["市委书记"])]),
])
def test_different_events_are_not_merged(other):
    daily = CITY_DAILY
    if other["doc_id"] == "contradiction":
        daily = {**CITY_DAILY, "project_stats": CITY_DAILY["project_stats"] + [stat("开工", 12, 800000000, "全市")]}
    assert groups([daily, other]) == {frozenset({"daily"}), frozenset({other["doc_id"]})}


def test_two_events_on_one_day_in_two_cities_with_breakdowns():
    records = [
        record("a1", (2022, 9, 20), [stat("开工", 60, 42000000000, "全市"), stat("开工", 20, 9000000000, "全市", "产业项目")],
               [("周明", ["市委书记"])], source="南阳日报"),
        record("a2", (2022, 9, 20), [stat("开工", 60, 42000000000, "南阳市")], [("周明", ["南阳市委书记"])]),
        record("b1", (2022, 9, 20), [stat("开工", 38, 27500000000, "全市")], [("吴涛", ["市委书记"])], source="信阳日报"),
        record("b2", (2022, 9, 21), [stat("开工", 38, 27500000000, "信阳市")], [("吴涛", [])]),
    ]
    assert groups(records) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}
    events, _ = events_tables(records)
    assert {r["place"] for r in events} == {"南阳市", "信阳市"}
    assert sum(r["amount"] for r in events if r["counted"]) == Decimal(42000000000 + 27500000000)


def test_a_group_spans_at_most_one_day():
    figure = [stat("开工", 21, 7700000000, "株洲市")]
    leaders = [("刘洋", ["市长"])]
    records = [record(f"d{day}", (2021, 6, day), figure, leaders) for day in (10, 11, 12)]
    assert groups(records) == {frozenset({"d10", "d11"}), frozenset({"d12"})}


def test_investment_counted_once_per_event_and_a_combined_figure_replaces_its_parts():
    records = [
        record("x1", (2024, 5, 8), [stat(None, 46, 16700000000, "覃塘区"), stat("开工", 28, 11700000000, "覃塘区"),
                                    stat("竣工", 18, 5000000000, "覃塘区")]),
        record("x2", (2024, 5, 8), [stat("开工", 28, 11700000000, "覃塘区")]),
        record("y1", (2024, 5, 8), [stat("签约", 10, 3000000000, "全县"), stat("开工", 8, 2000000000, "全县")],
               source="通渭县融媒体中心"),
    ]
    events, links = events_tables(records)
    assert len({link["event_id"] for link in links}) == 2
    counted = {(r["doc_ids"][0], r["category"]) for r in events if r["counted"]}
    assert counted == {("x1", None), ("y1", "签约"), ("y1", "开工")}
    assert sum(r["amount"] for r in events if r["counted"]) == Decimal(16700000000 + 5000000000)
    assert {r["place"] for r in events} == {"覃塘区", "通渭县"}


def test_an_event_takes_the_largest_figure_of_a_kind_from_its_reports():
    province_and_city = record("p", (2021, 2, 26), [stat("开工", 812, 673700000000, "全省"), stat("开工", 41, 25690000000,
                                                                                                  "济宁市")],
                               [("刘志强", ["省委书记"])], headline="山东春季重大项目集中开工")
    city = record("c", (2021, 2, 26), [stat("开工", 41, 25690000000, "济宁市")], [("林红", ["市长"])])
    events, _ = events_tables([province_and_city, city])
    (row,) = events
    assert (row["count"], row["amount"], row["place"], row["reports"]) == (812, Decimal(673700000000), "山东省", 2)


def test_an_article_without_figures_is_an_event_of_its_own_with_one_row():
    events, links = events_tables([record("m", (2020, 1, 1), [], [("赵一", ["市长"])])])
    assert len(events) == 1 and events[0]["category"] is None and events[0]["counted"] is False
    assert links == [{"doc_id": "m", "event_id": events[0]["event_id"]}]


def test_event_ids_are_stable_and_rows_have_the_declared_columns():
    records = [CITY_DAILY, record("portal", (2023, 3, 15), [stat("签约", 45, 31260000000, "许昌市")], [("李国华", [])]),
               record("z", (2023, 3, 15), [stat("开工", 3, 100000000)])]
    events, links = events_tables(records)
    assert events_tables(list(reversed(records))) == (events, links)
    assert all(list(row) == [c.name for c in COLUMNS] for row in events)
    assert sorted(link["doc_id"] for link in links) == ["daily", "portal", "z"]


def test_only_reports_sharing_a_blocking_key_are_compared():
    records = [record(f"r{i}", (2022, 1 + i % 12, 1 + i % 28), [stat("开工", i, 1000000 * (i + 1))]) for i in range(400)]
    reports = [report_of(r) for r in records]
    assert list(candidate_pairs(reports)) == []
    same = [report_of(record(f"s{i}", (2022, 1, 1 + i % 2), [stat("开工", 5, 1000000)])) for i in range(6)]
    assert len(list(candidate_pairs(same))) == 15  # every pair of the one key, across the adjacent days, once


SAME_EVENT_BY_A_CITY_DAILY = """source: 南阳日报
published: 2022-09-21
---
本报讯（记者 王晓东）9月20日上午，我市2022年第三批重大项目集中开工活动在高新区主会场举行。市委书记朱立新宣布开工，
市长王慧致辞。此次集中开工项目60个，总投资420亿元。其中，产业项目38个，总投资265亿元。
"""
SAME_EVENT_BY_A_PORTAL = """source: 省政府网
published: 2022-09-20
---
南阳60个重大项目集中开工
9月20日，南阳市举行第三批重大项目集中开工活动，60个项目集中开工，总投资420亿元，涵盖先进制造、新能源等领域。
南阳市委书记朱立新出席并宣布开工。
"""
ANOTHER_CITY_THE_SAME_DAY = """source: 信阳日报
published: 2022-09-21
---
9月20日，信阳市2022年第三批重大项目集中开工仪式举行，全市38个项目集中开工，总投资275亿元。市委书记蒋明宇宣布开工。
"""


def test_extracted_reports_of_one_event_by_two_outlets_are_grouped(extractor):
    texts = {"daily": SAME_EVENT_BY_A_CITY_DAILY, "portal": SAME_EVENT_BY_A_PORTAL, "xinyang": ANOTHER_CITY_THE_SAME_DAY}
    records = [extractor.extract(text, doc_id=doc_id).model_dump(mode="json") for doc_id, text in texts.items()]
    assert groups(records) == {frozenset({"daily", "portal"}), frozenset({"xinyang"})}
    events, _ = events_tables(records)
    nanyang = next(r for r in events if r["reports"] == 2)
    assert (nanyang["category"], nanyang["count"], nanyang["amount"], nanyang["place"]) == \
        ("开工", 60, Decimal(42000000000), "南阳市")
    assert sum(r["amount"] for r in events if r["counted"]) == Decimal(42000000000 + 27500000000)


def test_reprints_are_one_event_unless_nothing_ties_them():
    tied = [dict(CITY_DAILY, doc_id=f"reprint-{i:03d}") for i in range(300)]
    untied = [record(f"bare-{i}", (2023, 3, 15), [stat("开工", 7, 900000000)]) for i in range(3)]  # no leader, no place
    found = groups(tied + untied)
    assert frozenset(r["doc_id"] for r in tied) in found
    assert {frozenset({f"bare-{i}"}) for i in range(3)} <= found and len(found) == 4


# The grouping works day by day (zhnews export holds two days of reports, not the archive): the same
# events whatever the order of the records, and the same as one pass over all pairs would give.

def _random_records(seed: int, count: int) -> list[dict]:
    """Records drawn from a small world (five days, two kinds, a few figures, leaders and cities), so that
    reports of one event, reprints, chains over three days and contradictions all occur."""
    import random

    r = random.Random(seed)
    leaders = [("李国华", ["市委书记"]), ("张晓红", ["市长"]), ("刘洋", ["县长"]), ("王伟", [])]
    out = []
    for i in range(count):
        figures = [stat(r.choice(("签约", "开工")), r.choice((None, 12, 30)), r.choice((None, 10**9, 3 * 10**9)),
                        r.choice((None, "许昌市", "南阳市", "全市"))) for _ in range(r.randint(0, 2))]
        out.append(record(f"r{r.randrange(10**6):06d}-{i}", (2023, 5, r.randint(1, 5)), figures,
                          r.sample(leaders, r.randint(0, 2))))
    return out


def _one_pass(reports):
    """The rule applied over all candidate pairs at once, in the window's order (by first day, then doc
    ids), families of alike reports first: what ``group_days`` must equal."""
    from zhnews.archive.events import ONE_DAY, _signature, contradicts, same_event

    families: dict[tuple, list] = {}
    for report in sorted(reports, key=lambda r: r.doc_id):
        families.setdefault((report.date, _signature(report), report.leaders), []).append(report)
    heads = [family[0] for family in families.values()]
    group = {i: {i} for i in range(len(heads))}
    def order(pair):
        a, b = heads[pair[0]], heads[pair[1]]
        return min(a.date, b.date), tuple(sorted((a.doc_id, b.doc_id)))

    pairs = sorted(candidate_pairs(heads), key=order)
    for i, j in pairs:
        if group[i] is group[j] or not same_event(heads[i], heads[j]):
            continue
        dates = [heads[k].date for k in group[i] | group[j]]
        if max(dates) - min(dates) > ONE_DAY:
            continue
        if any(contradicts(heads[x], heads[y]) for x in group[i] for y in group[j]):
            continue
        merged = group[i] | group[j]
        for k in merged:
            group[k] = merged
    out = set()
    for members in {id(g): g for g in group.values()}.values():
        family_lists = [list(families.values())[k] for k in members]
        if len(members) == 1 and not same_event(heads[next(iter(members))], heads[next(iter(members))]):
            out.update(frozenset({r.doc_id}) for r in family_lists[0])
        else:
            out.add(frozenset(r.doc_id for family in family_lists for r in family))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_day_by_day_grouping_equals_one_pass_and_ignores_record_order(seed):
    import random

    records = _random_records(seed, 60)
    found = groups(records)
    assert found == _one_pass([report_of(r) for r in records])
    shuffled = records[:]
    random.Random(seed).shuffle(shuffled)
    assert events_tables(shuffled) == events_tables(records)
    assert sorted(d for g in found for d in g) == sorted(r["doc_id"] for r in records)  # each once


def test_groups_are_given_while_the_days_are_read():
    """Ten events a day, each reported again the next day: a group is given as soon as the day after its
    last report is read, so no more than three days of reports are held however long the archive."""
    from zhnews.archive.events import group_days

    reports = {day: [report_of(record(f"d{day:02d}-{i}", (2023, 1, day), [stat("开工", 5 + i, 10**9 * (i + 1), "许昌市")],
                                      [("刘洋", ["市长"])])) for i in range(10)] for day in range(1, 29)}
    pulled = 0

    def days():
        nonlocal pulled
        for day in sorted(reports):
            pulled += len(reports[day])
            yield reports[day]

    held, given, found = [], 0, set()
    for group in group_days(days()):
        held.append(pulled - given)
        given += len(group)
        found.add(frozenset(r.doc_id for r in group))
    assert max(held) == 30 and given == 280
    # a group spans at most one day: each day's event joins its reprint of the next day, pairwise
    assert found == {frozenset({f"d{day:02d}-{i}", f"d{day + 1:02d}-{i}"}) for day in range(1, 29, 2) for i in range(10)}
