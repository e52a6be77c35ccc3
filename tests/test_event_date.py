"""Event date: full, year-less, day-only and relative dates, and where the year came from."""
from __future__ import annotations


def date(record):
    d = record["event_date"]
    return d and (d["year"], d["month"], d["day"], d["year_source"])


def test_full_date(extract):
    assert date(extract("2023年1月28日上午，全市重点产业项目集中开工活动举行。")) == (2023, 1, 28, "text")


def test_year_less_date_without_a_header_keeps_the_year_unknown(extract):
    assert date(extract("10月8日，全省第二期活动举行。")) == (None, 10, 8, "unknown")


def test_year_less_date_takes_the_year_of_the_published_header(extract):
    text = "published: 2022-07-06\n---\n7月5日上午，全省第五期活动举行。"
    assert date(extract(text)) == (2022, 7, 5, "published")


def test_year_less_date_in_late_december_published_in_january(extract):
    assert date(extract("12月30日，全市项目集中签约。", published="2023-01-05")) == (2022, 12, 30, "published")


def test_day_only_date_resolves_against_the_header(extract):
    text = "published: 2021-01-09\n---\n8日上午，全市重大项目集中开工。"
    assert date(extract(text)) == (2021, 1, 8, "published")


def test_day_only_date_of_the_previous_month(extract):
    assert date(extract("30日上午，全市项目集中开工。", published="2021-04-02")) == (2021, 3, 30, "published")


def test_an_impossible_date_is_not_taken(extract):
    assert extract("2月30日，全市项目集中开工。", published="2021-04-02")["event_date"] is None
    assert extract("13月5日，全市项目集中开工。")["event_date"] is None


def test_yesterday_with_a_header(extract):
    text = "published: 2020-02-27\n---\n昨天上午，扬州举行产业项目视频签约仪式。"
    assert date(extract(text)) == (2020, 2, 26, "published")


def test_yesterday_without_a_reference_is_no_date_and_a_warning(extract):
    record = extract("昨天上午，全市项目集中签约。")
    assert record["event_date"] is None
    assert any("昨天" in w for w in record["warnings"])


def test_year_from_the_event_name(extract):
    assert date(extract("10月8日，我州举行2021年第三次重大项目集中开竣工仪式。")) == (2021, 10, 8, "event_name")


def test_no_date_at_all(extract):
    assert extract("近日，浙江省举行2021年全省重大项目集中开工活动。")["event_date"] is None


def test_a_period_bound_is_not_the_event(extract):
    text = "截至3月底，全市签约项目100个。4月6日，全市项目集中开工。"
    assert date(extract(text)) == (None, 4, 6, "unknown")


def test_the_first_day_of_a_range(extract):
    assert date(extract("10月8日至9日，全省项目观摩活动举行。")) == (None, 10, 8, "unknown")


def test_a_portal_publication_stamp_is_not_the_event(extract):
    text = "发布时间：2023年01月29日\n1月28日，全市项目集中开工。"
    assert date(extract(text, published="2023-01-29")) == (2023, 1, 28, "published")


def test_a_malformed_published_header_is_a_warning_not_a_crash(extract):
    record = extract("published: 2023-02-0&\n---\n8日上午，全市项目集中开工。")  # found by scripts/fuzz.py
    assert record["event_date"] is None
    assert record["warnings"][0].startswith("metadata header ignored: published")
