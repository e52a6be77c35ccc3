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
