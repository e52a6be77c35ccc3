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


# --- datelines, the lead's own day, the event's year and the page's stamp ---

def test_a_dateline_dates_the_report_and_the_leads_day_wins(extract):
    for text, published, expected in [
        ("新华社南昌3月2日电（记者 刘明）1日上午，江西省重大项目集中开工仪式举行。", None, (None, 3, 1)),
        ("新华社南昌3月2日电（记者 刘明）1日上午，江西省重大项目集中开工仪式举行。", "2021-03-03",
         (2021, 3, 1)),
        ("某某在线12月27日讯（记者 王芳）26日，全省重大项目集中开工活动举行。", "2024-12-27", (2024, 12, 26)),
        ("央广网太原2月18日消息（记者：赵强）17日上午，全省一季度项目集中签约。", "2023-02-18", (2023, 2, 17)),
        ("某某网11月17日讯（记者 钱进）11月16日，第三届某某发展大会开幕。", "2019-11-17", (2019, 11, 16)),
        ("中国某某新闻4月19日某某市电（记者 孙立）4月18日上午，全县项目集中开工。", "2020-04-20",
         (2020, 4, 18)),
    ]:
        got = extract(text, published=published)["event_date"] if published else extract(text)["event_date"]
        assert (got["year"], got["month"], got["day"]) == expected, text


def test_a_day_alone_after_a_dateline_of_the_next_month(extract):
    assert date(extract("新华社拉萨5月2日电（记者 张扬）30日上午，全区项目集中开工。")) == (None, 4, 30, "unknown")


def test_a_dateline_alone_dates_the_event(extract):
    assert date(extract("某某网3月6日电 全省152个项目已复工，复工率80%。", published="2020-03-06")) == (
        2020, 3, 6, "published")


def test_the_events_day_beats_the_day_the_reporter_learned_of_it(extract):
    text = "记者5日从市发展改革委获悉，4日，全市42个重点项目集中开工。"
    assert date(extract(text, published="2022-03-06"))[:3] == (2022, 3, 4)
    text = "3月6日，记者从省发展改革委了解到，全省重点项目开复工提速。"
    assert date(extract(text, published="2020-03-07"))[:3] == (2020, 3, 6)


def test_an_announced_day_is_not_the_event(extract):
    text = "24日，省政府新闻办召开新闻发布会。大会将于11月8日在广州开幕，届时签约项目超百个。"
    assert date(extract(text, published="2024-10-25"))[:3] == (2024, 10, 24)


def test_a_date_after_yu_is_the_event(extract):
    assert date(extract("首府于5月24日举行重大项目集中开工签约仪式。"))[:3] == (None, 5, 24)
    assert date(extract("全县于6月3日上午召开项目推进大会。"))[:3] == (None, 6, 3)


def test_the_year_of_the_events_name_in_the_headline(extract):
    text = "某某市2023年四季度重点项目集中开工活动举行\n\n11月24日，全市58个项目集中开工，总投资120亿元。"
    assert date(extract(text)) == (2023, 11, 24, "event_name")
    text = "全州2022年第二批重大项目集中签约\n\n6月30日上午，签约仪式在州府举行。"
    assert date(extract(text)) == (2022, 6, 30, "event_name")


def test_a_year_printed_straight_before_the_events_name(extract):
    text = "7月22日下午，会展中心迎来2024中国某某投资贸易洽谈会专场签约仪式。"
    assert date(extract(text)) == (2024, 7, 22, "event_name")


def test_numbers_and_periods_are_not_an_events_year(extract):
    assert date(extract("7月22日，全市签约项目总投资2021亿元。")) == (None, 7, 22, "unknown")
    assert date(extract("7月22日，全市举行签约仪式。2020年以来，全市签约项目200个。")) == (None, 7, 22, "unknown")


def test_relative_days_against_the_header_and_the_dateline(extract):
    assert date(extract("昨日上午，全州重大项目集中开工。", published="2020-07-01")) == (2020, 6, 30, "published")
    assert date(extract("今天（15日），全市首批外资项目集中签约。", published="2021-01-15"))[:3] == (2021, 1, 15)
    assert date(extract("某某网3月2日讯 昨天，全市2021年春季重大项目集中开工。"))[:3] == (2021, 3, 1)
    assert date(extract("某某客户端3月1日讯 今天一早，全市94个项目集中开工。"))[:3] == (None, 3, 1)


def test_a_page_stamp_stands_for_the_publication_date(extract):
    text = "首页 > 要闻\n全市项目集中开工\n发布时间：2019年06月03日 10:21　来源：某某日报\n\n6月2日，全市项目集中开工。"
    assert date(extract(text)) == (2019, 6, 2, "published")
    text = "某某现场办公\n某某门户网站 www.example.cn　2010-03-27　来源：某某日报\n\n26日，省长来到某某市现场办公。"
    assert date(extract(text)) == (2010, 3, 26, "published")


def test_a_year_and_month_naming_the_event_fix_its_year(extract):
    text = "来源:某网 | 作者:某县委统战部 | 责任编辑:刘洋12月22日,某县2023年12月招商引资项目集中签约仪式在县行政中心举行。"
    assert date(extract(text)) == (2023, 12, 22, "event_name")
    assert date(extract("6月8日，全市2022年6月重大项目集中开工活动举行。")) == (2022, 6, 8, "event_name")
    # A period, a date or another month is no event's name.
    for text in ["6月8日，全市重大项目集中开工。2022年5月以来，全市新开工项目30个。",
                 "6月8日，全市重大项目集中开工，2022年5月签约项目已开工。",
                 "6月8日，全市重大项目集中开工，2022年6月底前全部建成。"]:
        assert date(extract(text)) == (None, 6, 8, "unknown"), text


def test_a_day_above_the_headlines_when_the_body_names_none(extract):
    cases = [
        ("3月1日上午\n恒达科技产业园、城北污水处理厂、滨河路改造等项目集中开工\n全市2021年一季度重点项目集中开工\n"
         "当天，全市2021年一季度重点项目集中开工活动在城北产业园举行。", (2021, 3, 1, "event_name")),
        ("3月1日上午\n恒达科技产业园、城北污水处理厂等项目集中开工\n"
         "上午，全市重点项目集中开工活动在城北产业园举行，2021年全市计划开工项目120个。", (2021, 3, 1, "event_name")),
        ("9月18日\n城东片区、高铁新城项目集中签约\n全县第三季度招商引资项目集中签约，市长王刚出席。", (None, 9, 18, "unknown")),
    ]
    for text, expected in cases:
        assert date(extract(text)) == expected, text
    # A page's stamp is no event's day.
    assert date(extract("全县项目集中签约\n2024年03月20日 15:09 | 来源：某某网\n全县项目集中签约活动举行。")) is None
