"""Title block: 原标题, headline, sub-headlines, cruft, up to the body."""
from __future__ import annotations


def test_original_title_headline_and_subtitles(extract):
    text = "原标题：全市重大项目集中开工\n聚焦产业链 扩大有效投资\n市委书记出席\n本报记者 王 强\n3月1日，全市重大项目集中开工。"
    title = extract(text)["title"]
    assert title["original_title"]["text"] == "全市重大项目集中开工"
    assert title["headline"]["text"] == "聚焦产业链扩大有效投资"
    assert [s["text"] for s in title["subtitles"]] == ["市委书记出席"]


def test_portal_breadcrumbs_and_print_links_are_not_titles(extract):
    text = "首页 > 新闻中心 > 要闻\n【字体:大 中 小】【打印】\n全县项目集中签约\n5月2日，全县项目集中签约。"
    title = extract(text)["title"]
    assert title["headline"]["text"] == "全县项目集中签约"
    assert title["original_title"] is None


def test_a_report_without_titles_has_none(extract):
    assert extract("12月18日，宜昌举行重大项目集中签约活动。")["title"]["headline"] is None


def test_credit_and_stamp_lines_are_neither_headline_nor_subtitle(extract):
    for text in [
        "作者：王立\n全县首批项目集中开工\n3月19日，全县首批项目集中开工。",
        "首页>新闻中心>要闻>正文\n全县首批项目集中开工\n来源：某某网　2024-03-20 18:03　作者：王立　编辑：李莉\n"
        "3月19日，全县首批项目集中开工。",
        "全县首批项目集中开工\n2024年03月20日 15:09　|　来源：某某网　|　分享到：\n3月19日，全县首批项目集中开工。",
        "全县首批项目集中开工\n文/王立　图/刘强\n3月19日，全县首批项目集中开工。",
        "全县首批项目集中开工\n某某新闻　2024-03-20 10:24\n分享：　字号：大 中 小\n3月19日，全县首批项目集中开工。",
    ]:
        title = extract(text)["title"]
        assert title["headline"]["text"] == "全县首批项目集中开工", text
        assert title["subtitles"] == [], text


def test_the_body_starts_inside_a_furniture_line_after_its_last_field(extract):
    text = "来源:某网 | 作者:某县委统战部 | 责任编辑:刘洋12月22日,某县2023年12月招商引资项目集中签约仪式在县行政中心举行。"
    record = extract(text)
    assert record["title"]["headline"] is None
    assert record["event_date"]["text"] == "12月22日"
    spaced = "县域经济再添新动能\n来源：某某县人民政府网　作者：县发改局　编辑：王敏　3月15日上午，某某县重大项目集中开工。"
    record = extract(spaced)
    assert record["title"]["headline"]["text"] == "县域经济再添新动能"
    assert record["event_date"]["text"] == "3月15日"
    # Furniture only: the next line is the body (names after a field are no body).
    record = extract("来源:某网 | 作者:张三、李四\n5月6日，全县项目集中签约。")
    assert record["event_date"]["text"] == "5月6日"


def test_the_body_after_breadcrumbs_links_stamps_and_counts_on_one_line(extract):
    cases = [
        "首页>新闻中心>要闻>正文12月22日，某县第四季度招商引资项目集中签约仪式举行。",
        "【字体：大 中 小】【打印】12月22日，某县招商引资项目集中签约仪式举行。",
        "作者：张三 来源：某网 时间：2023年12月23日 10:20 12月22日，某县招商引资项目集中签约仪式举行。",
        "2023-12-23 09:10:11 来源：某网 浏览次数：123 12月22日，某县招商引资项目集中签约仪式举行。",
        "来源：某网 编辑：李四 12月22日，某县招商引资项目集中签约仪式举行。",
    ]
    for text in cases:
        record = extract(text)
        assert record["event_date"]["text"] == "12月22日", text
        assert record["title"]["headline"] is None, text
    # The page's stamp dates the publication: the year of the event's day comes from it.
    assert extract(cases[3])["event_date"]["year"] == 2023
