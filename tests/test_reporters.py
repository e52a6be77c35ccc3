"""Reporters: bylines in brackets or on their own line, with outlet and role."""
from __future__ import annotations


def names(record):
    return [(r["name"], r["outlet"], r["role"]) for r in record["reporters"]]


def test_spaced_two_character_names_of_two_outlets(extract):
    text = "某某活动举行\n河南日报记者 李 铮 冯 芸 马 涛 信阳日报全媒体记者 邹 乐\n10月8日，活动举行。"
    assert names(extract(text)) == [
        ("李铮", "河南日报", "记者"), ("冯芸", "河南日报", "记者"), ("马涛", "河南日报", "记者"),
        ("邹乐", "信阳日报", "全媒体记者"),
    ]


def test_bracketed_byline_at_the_end_with_a_correspondent(extract):
    text = "12月18日，全市项目集中签约。\n（记者张乐克、通讯员雷鹏程）"
    assert names(extract(text)) == [("张乐克", None, "记者"), ("雷鹏程", None, "通讯员")]


def test_mixed_spaced_and_three_character_names(extract):
    text = "本报讯（记者 付 丹 特约记者 龙 涛 欧阳振华）10月8日，我州举行开工仪式。"
    assert [n for n, _, _ in names(extract(text))] == ["付丹", "龙涛", "欧阳振华"]


def test_an_editor_and_running_text_are_not_bylines(extract):
    text = "记者从市发改委获悉，全市项目进展顺利。\n（来源：某某客户端）\n责任编辑:冯 静"
    assert extract(text)["reporters"] == []


def test_slash_bylines_and_a_trailing_report_word(extract):
    assert names(extract("南方日报讯（记者/陈晓 通讯员/粤发改）3月6日，活动举行。")) == [
        ("陈晓", None, "记者"), ("粤发改", None, "通讯员"),
    ]
    assert names(extract("大众日报记者 王 健 报道\n5日，全省重大项目集中开工。")) == [("王健", "大众日报", "记者")]


def test_credit_words_before_the_first_role(extract):
    assert names(extract("文/图 本报记者 张 华\n3月1日，全县项目集中签约。")) == [("张华", None, "本报记者")]


def test_trailing_credit_words_are_not_names(extract):
    assert names(extract("（记者 张三 通讯员 李四 摄影报道）3月1日，全县项目集中签约。")) == [
        ("张三", None, "记者"), ("李四", None, "通讯员"),
    ]
