"""Numbered directives: markers, headings, speakers, declared counts, traps."""
from __future__ import annotations


def groups(record):
    return [
        (g["speaker"] and g["speaker"]["name"], g["declared_count"], [(i["ordinal"], i["marker"], i["heading"]) for i in g["items"]])
        for g in record["directives"]
    ]


def test_yi_yao_paragraphs_with_a_digit_declared_count(extract):
    text = "省委书记楼阳生强调6点要求。\n一要聚精会神,全力完成目标。要抓实。\n二要全程服务,确保见效。\n"
    record = extract(text)
    assert groups(record) == [("楼阳生", 6, [(1, "一要", "聚精会神,全力完成目标"), (2, "二要", "全程服务,确保见效")])]
    assert any("6 declared, 2 found" in w for w in record["warnings"])


def test_yi_shi_inside_one_sentence_ended_by_semicolons(extract):
    text = "市委书记何光中要求，全市各级各部门一是当好“店小二”；二是以最优的环境，促进项目落地；三是扩大成果。"
    assert groups(extract(text)) == [
        ("何光中", None, [(1, "一是", "当好“店小二”"), (2, "二是", "以最优的环境，促进项目落地"), (3, "三是", "扩大成果")])
    ]


def test_di_yi_markers_with_a_chinese_numeral_declared_count(extract):
    text = "会上，市长张伟提出三点要求。\n第一，锚定目标抓进度。\n第二，强化服务优环境。\n第三，压实责任促落实。"
    assert groups(extract(text)) == [
        ("张伟", 3, [(1, "第一", "锚定目标抓进度"), (2, "第二", "强化服务优环境"), (3, "第三", "压实责任促落实")])
    ]


def test_full_and_half_width_bracket_markers(extract):
    text = "市委书记陈向平提出4点要求。\n（一）强化拼抢意识。\n(二)聚焦延链补链。\n（三）压实工作责任,跑好全年“第一棒”。"
    assert groups(extract(text)) == [
        ("陈向平", 4, [(1, "（一）", "强化拼抢意识"), (2, "(二)", "聚焦延链补链"), (3, "（三）", "压实工作责任,跑好全年“第一棒”")])
    ]


def test_from_three_aspects_declared_count_and_a_colon(extract):
    text = "州长龙晓华在致辞中说，他从三个方面提出要求：\n一要全力推进建设。\n二要全力抓好谋划。\n三要全力优化环境。"
    assert groups(extract(text))[0][:2] == ("龙晓华", 3)


def test_work_areas_are_not_a_declared_count(extract):
    text = "市长陈志伟强调，重点抓好三方面工作。\n第一，抓进度。\n第二，优环境。"
    assert groups(extract(text))[0][1] is None


def test_running_text_ordinals_are_not_directives(extract):
    text = "要跑好全年“第一棒”，把科技创新作为第一动能，统一要求。要抓项目。要优环境。要强作风。"
    assert extract(text)["directives"] == []


def test_a_lone_first_item_is_not_a_group(extract):
    assert extract("会上一是强调了安全。随后参观了企业。")["directives"] == []


def test_two_speakers_each_with_a_numbered_list(extract):
    text = (
        "市委书记张伟强调，一要抓好项目谋划；二要抓好要素保障；三要抓好作风建设。\n"
        "市长刘洋指出，一是压实责任；二是优化服务。"
    )
    assert groups(extract(text)) == [
        ("张伟", None, [(1, "一要", "抓好项目谋划"), (2, "二要", "抓好要素保障"), (3, "三要", "抓好作风建设")]),
        ("刘洋", None, [(1, "一是", "压实责任"), (2, "二是", "优化服务")]),
    ]


def test_marker_search_by_keyword_finds_what_the_marker_pattern_finds():
    from conftest import CORPUS

    from zhnews.pipeline.layers.directives import _MARKERS, marker_matches

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += ["一二三四要抓好，十一要落实，一是是一是：二要“稳”。要一要", "一要", "要", "九十九要求", "统一要求一是"]
    for text in texts:
        for kind in _MARKERS:
            expected = [(m.span(), m.group("n")) for m in _MARKERS[kind].finditer(text)]
            assert [(m.span(), m.group("n")) for m in marker_matches(text, kind)] == expected, (kind, text[:20])
