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


# --- every byline form, in several wordings, with editors and photo credits as distractors ---

def reporter_names(record):
    return [r["name"] for r in record["reporters"]]


def test_colon_after_the_role(extract):
    for text, expected in [
        ("央视网合肥5月3日消息（记者：周海涛）3日上午，全市项目集中开工。", ["周海涛"]),
        ("本报讯（全媒体记者：孙丽娟　通讯员：钱小波）2日，全县项目集中签约。", ["孙丽娟", "钱小波"]),
        ("全县项目集中签约\n记者：欧阳明\n6月2日，全县项目集中签约。", ["欧阳明"]),
    ]:
        assert reporter_names(extract(text)) == expected, text


def test_author_label_lines_and_brackets(extract):
    for text, expected in [
        ("作者：郑国平 吴 敏 陆家豪\n3月5日，全市重大项目集中开工。", ["郑国平", "吴敏", "陆家豪"]),
        ("3月5日，全市重大项目集中开工。（作者：许文亮）", ["许文亮"]),
        ("来源：某某日报　作者：记者林雪梅 通讯员周立 高宏伟　网络编辑：何丽\n3月5日，全市项目开工。",
         ["林雪梅", "周立", "高宏伟"]),
        ("来源：某某网　2024-05-06 09:12:30　作者：冯建业　编辑：宋佳　责任编辑：马骏\n5日，全县项目签约。",
         ["冯建业"]),
    ]:
        assert reporter_names(extract(text)) == expected, text


def test_junior_reporters_and_interns(extract):
    for text, expected in [
        ("本报讯（记者韩冬 实习生罗佳琪）8日，全市项目集中开工。", ["韩冬", "罗佳琪"]),
        ("本报讯（记者 韩 冬　见习记者 罗佳琪）8日，全市项目集中开工。", ["韩冬", "罗佳琪"]),
        ("本报长春4月7日电（记者宋立新、见习记者曹雨）7日，全省项目集中开工。", ["宋立新", "曹雨"]),
    ]:
        assert reporter_names(extract(text)) == expected, text


def test_writer_and_picture_credits(extract):
    for text, expected in [
        ("项目开工\n文/赵海川　图/钱立军\n8日，全市项目集中开工。", ["赵海川"]),
        ("8日，全市项目集中开工。\n（郑晓梅/文　刘大伟/图）", ["郑晓梅"]),
        ("8日，全市项目集中开工。\n（文/郑晓梅 图/刘大伟 吴强）", ["郑晓梅"]),
        ("8日，全市项目集中开工。\n本报记者 周 梦 李金玺 摄", []),
        ("8日，全市项目集中开工。图为开工现场。新华社记者 王全超摄", []),
        ("8日，全市项目集中开工。\n摄影：张春雷\n编辑：刘晓彤", []),
        ("8日，全市项目集中开工。图为开工现场。（通讯员 邱洪斌 摄）", []),
        ("8日，全市项目集中开工。\n图：本报记者 韩 冬\n来源：某某日报 记者 孙立", ["孙立"]),
        ("8日，全市项目集中开工。\n（记者 孙 伟 文/图）", ["孙伟"]),
    ]:
        assert reporter_names(extract(text)) == expected, text


def test_editors_are_never_reporters(extract):
    text = (
        "8日，全市项目集中开工。\n（记者 汪洋）\n编辑：李 莹　责编：赵 峰　审核：孙 平\n"
        "责任编辑：周 敏\n【编辑：胡小雨】\n编审：钱 江"
    )
    assert reporter_names(extract(text)) == ["汪洋"]


def test_trailing_brackets_of_bare_names(extract):
    for text, expected in [
        ("8日，全市项目集中开工。副市长王勇出席。（杨帆）", ["杨帆"]),
        ("8日，全市项目集中开工。\n（杨 帆 刘 力）", ["杨帆", "刘力"]),
        ("8日，全市项目集中开工。\n（杨帆、刘力）", ["杨帆", "刘力"]),
        ("8日，全市项目集中开工。（杨帆 报道）", ["杨帆"]),
        ("8日，全市项目集中开工。\n（陈晓东　某某日报全媒记者　许 兰）", ["陈晓东", "许兰"]),
    ]:
        assert reporter_names(extract(text)) == expected, text


def test_brackets_that_are_not_bylines(extract):
    for text in [
        "8日，全市项目集中开工。（完）",
        "8日，某某光电科技（扬州）有限公司项目开工。",
        "8日，全市项目集中开工，其中产业项目（一期）总投资5亿元。",
        "8日，全市项目（含续建）集中开工。\n（来源：某某客户端）",
        "8日，全市项目集中开工。\n（一）强化要素保障。",
    ]:
        assert reporter_names(extract(text)) == [], text


def test_a_bare_name_after_a_dateline(extract):
    for text, expected in [
        ("中新网南宁3月6日电（黄志强）记者5日从自治区发展改革委获悉，全区项目复工。", ["黄志强"]),
        ("新华网昆明6月1日电（朱 丹 李 想）1日，全省项目集中开工。", ["朱丹", "李想"]),
    ]:
        assert reporter_names(extract(text)) == expected, text


def test_a_byline_opening_the_lead_with_a_report_word(extract):
    for text, expected in [
        ("本网特约记者王丽娜、陈志远报道：5月8日上午，我市举行项目集中开工仪式。", ["王丽娜", "陈志远"]),
        ("本报记者 孟 强 报道：8日，全县项目集中签约。", ["孟强"]),
    ]:
        assert reporter_names(extract(text)) == expected, text


def test_outlets_inside_a_bracket_are_not_names(extract):
    text = "8日，全省项目集中开工。\n（某某融媒体中心　浙江卫视记者吴海涛　台州台　绍兴台　报道）"
    assert names(extract(text)) == [("吴海涛", "浙江卫视", "记者")]


def test_running_text_about_reporters_is_no_byline(extract):
    for text in [
        "记者了解到：\n8日，全市项目集中开工。",
        "8日，记者在开工现场看到，机器轰鸣。\n记者注意到，项目进展顺利。",
        "8日，全市项目集中开工。\n“我们要跑出最快速度。”公司负责人告诉记者。",
    ]:
        assert reporter_names(extract(text)) == [], text


def test_a_credits_block_with_spaced_labels(extract):
    text = "8日，全县项目集中开工。\n主办单位：某某县融媒体中心\n总 编 辑：周亚飞\n责任编辑：周 旭\n记 者：向晓秋\n（记 者 李 铮）"
    assert reporter_names(extract(text)) == ["向晓秋", "李铮"]


def test_an_unbracketed_byline_after_the_dateline(extract):
    for text, expected in [
        ("本报讯 记者 张 强 通讯员 李立群 3月1日，全县项目集中签约。", ["张强", "李立群"]),
        ("本报讯 记者王晓东 实习生刘佳 昨天上午，全市项目集中开工。", ["王晓东", "刘佳"]),
        ("新华社南宁3月1日电 记者 黄 海 1日，广西重大项目集中开工。", ["黄海"]),
    ]:
        assert reporter_names(extract(text)) == expected, text
    assert reporter_names(extract("本报讯 记者从市发改委获悉，全市项目进展顺利。")) == []


def test_roles_with_an_outlet_qualifier(extract):
    # [outlet or place] [qualifier …] ROLE: the qualifiers compose (融媒 + 首席 + 记者).
    cases = [
        ("（广电记者 张明 记者 李华）5月3日，市长王刚出席。", [("张明", None, "广电记者"), ("李华", None, "记者")]),
        ("（融媒首席记者 郭峰 县广电记者 韩梅 通讯员 邓超）4月1日，县长李强出席。",
         [("郭峰", None, "融媒首席记者"), ("韩梅", "县", "广电记者"), ("邓超", None, "通讯员")]),
        ("（电视台首席记者 周杰 见习记者 吴磊）4月1日，县长李强出席。",
         [("周杰", "电视台", "首席记者"), ("吴磊", None, "见习记者")]),
        ("本报讯 全媒体首席记者 陈静 通讯员 刘洋 4月1日，县长李强出席。",
         [("陈静", None, "全媒体首席记者"), ("刘洋", None, "通讯员")]),
        ("（县融媒体中心记者 王芳 特约通讯员 李军）4月1日，县长李强出席。",
         [("王芳", "县融媒体中心", "记者"), ("李军", None, "特约通讯员")]),
    ]
    for text, expected in cases:
        assert names(extract(text)) == expected, text
    # A name before 记者 is no qualifier: the bracket is no byline.
    assert names(extract("（张三记者 李四）4月1日，县长李强出席。")) == []


def test_an_apps_name_before_a_role_is_its_outlet(extract):
    text = "（云上恩施记者 韩梅 通讯员 李华）3月1日，县长王五出席。"
    assert names(extract(text)) == [("韩梅", "云上恩施", "记者"), ("李华", None, "通讯员")]
    assert names(extract("（张三丰记者 李四）3月1日，县长王五出席。")) == []  # a person, not an outlet
    assert names(extract("他在接受记者 张三采访时说，项目进展顺利。")) == []
    # Before a qualified role even a two-character app name is the outlet.
    text = "某市项目签约仪式在沪举行\n新派讯 12月9日，某市项目签约仪式在上海举行。\n新派融媒体记者: 贺德良/文\n编辑:韩佳"
    assert names(extract(text)) == [("贺德良", "新派", "融媒体记者")]
