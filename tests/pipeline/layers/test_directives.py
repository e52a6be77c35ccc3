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


# --- who introduces a list: speakers in every wording, and the reporter's narration ---

def speakers(record):
    return [(g["speaker"] and g["speaker"]["name"], g["declared_count"], len(g["items"])) for g in record["directives"]]


def test_a_speaker_with_the_title_after_the_name(extract):
    for text, speaker in [
        ("会上，李建国书记强调：一要抓紧开工；二要优化服务；三要压实责任。", "李建国"),
        ("王海县长在致辞中说，项目是发展的关键。他提出三点要求：一是抓进度；二是优环境；三是强保障。", "王海"),
        ("随后，陈晓明主任指出，一是要加快审批，二是要强化调度。", "陈晓明"),
    ]:
        assert [s for s, _, _ in speakers(extract(text))] == [speaker], text


def test_an_untitled_speaker_and_a_leader_named_just_before(extract):
    for text, speaker in [
        ("副市长张立主持仪式。刘志华在讲话中要求，一要抓紧推进，二要优化服务。", "刘志华"),
        ("仪式由副县长孙平主持。\n\n郭海涛在讲话中对全县项目工作给予肯定，并强调3点意见。一要提高站位；二要强化服务；三要压实责任。",
         "郭海涛"),
        ("县委副书记周强主持会议。\n\n县委常委、常务副县长韩明回顾了前期工作，并部署下一步工作：一是抓谋划；二是抓申报。", "韩明"),
    ]:
        assert [s for s, _, _ in speakers(extract(text))] == [speaker], text


def test_the_nearest_person_in_the_verbs_clause_is_the_speaker(extract):
    text = "在副市长王立的陪同下，市长李东升强调：一要抓好谋划；二要抓好落实。"
    assert speakers(extract(text)) == [("李东升", None, 2)]


def test_a_pronoun_stands_for_the_last_person_named(extract):
    text = (
        "赵立新指出，要把项目建设作为头等大事。他强调，项目建设来不得半点虚功。"
        "对下一步工作，一是要盯住不放；二是要按图施工；三是要压实责任。"
    )
    assert speakers(extract(text)) == [("赵立新", None, 3)]
    text = (
        "省长钱伟说，这些年全省发展势头良好。他希望各地再鼓干劲。他对下一步工作提出五点要求。\n"
        "一是要抓机遇。\n二是要抓项目。\n三是要抓环境。\n四是要抓民生。\n五是要抓安全。"
    )
    assert speakers(extract(text)) == [("钱伟", 5, 5)]


def test_two_speakers_each_with_a_list_untitled_at_the_verb(extract):
    text = (
        "县委书记曾光明、县长彭志远出席会议。\n"
        "彭志远回顾了前一阶段的工作，并作具体安排：一是抓紧谋划项目；二是做好项目申报；三是加快在建项目。\n"
        "曾光明就全县项目工作作重要讲话。曾光明书记强调：一要看清形势；二要明确目标；三要健全机制。"
    )
    assert speakers(extract(text)) == [("彭志远", None, 3), ("曾光明", None, 3)]


def test_a_list_continued_after_the_reporters_transition(extract):
    text = (
        "市委书记张文斌强调，要抓好以下工作。\n"
        "据悉，副市长王立新出席活动并为项目培土奠基。\n"
        "一要抓紧推进项目建设。\n二要持续优化营商环境。\n三要压实各方责任。"
    )
    assert speakers(extract(text)) == [("张文斌", None, 3)]


def test_the_reporters_numbered_facts_are_not_directives(extract):
    for text in [
        "本批项目分为三类：一是产业项目，共42个；二是基础设施项目，共18个；三是民生项目，共9个。",
        "此次开工项目呈现三大亮点：一是体量大，10亿元以上项目12个；二是质量高，产业项目占七成。",
        "记者梳理发现，今年的开工项目有以下特点：一是产业项目唱主角；二是民生项目同步推进。",
        "从整体看，签约项目有两大特征：一是层次高、带动强；二是投资方类型多样。",
        "今年以来，全市重点抓了三方面工作：一是优化审批；二是强化要素保障；三是开展集中开工。",
        "据了解，项目主要分布在以下领域：第一，先进制造业；第二，现代服务业。",
    ]:
        assert extract(text)["directives"] == [], text


def test_narration_facts_and_a_speech_list_in_one_report(extract):
    text = (
        "此次开工项目呈现三个特点：一是产业项目多；二是投资体量大；三是带动能力强。\n"
        "市长刘海峰在讲话中要求：一是加快建设进度；二是强化要素保障；三是优化营商环境。"
    )
    assert speakers(extract(text)) == [("刘海峰", None, 3)]


def test_a_meetings_requirements_have_no_speaker(extract):
    text = "副县长李平主持会议。会议要求：一是压实项目责任；二是加快项目申报。"
    assert speakers(extract(text)) == [(None, None, 2)]


def test_a_count_announced_with_a_speech_verb(extract):
    for text, count in [
        ("就推动签约项目落地，市长张新华讲了四个方面。\n第一，抓落地。\n第二，强链条。\n第三，优服务。\n第四，压责任。", 4),
        ("书记刘安谈了三点。\n第一，抓进度。\n第二，优环境。\n第三，强保障。", 3),
        ("市长周平提出两点：一是抓谋划；二是抓落实。", 2),
    ]:
        assert speakers(extract(text))[0][1] == count, text


def test_a_colon_sentence_of_the_reporter_after_a_speech(extract):
    narration = (
        "市委书记王建军强调，要把项目建设作为头等大事。\n"
        "今年以来，全市重点抓了三方面工作：一是优化审批流程；二是强化要素保障；三是开展集中开工。"
    )
    assert extract(narration)["directives"] == []
    speech = (
        "市委书记王建军强调，要把项目建设作为头等大事。\n"
        "要重点做好以下工作：一是优化审批流程；二是强化要素保障；三是开展集中开工。"
    )
    assert speakers(extract(speech)) == [("王建军", None, 3)]


def test_a_pronoun_after_a_paragraph_naming_others(extract):
    text = (
        "市长张志强强调，要把项目建设放在突出位置。\n"
        "据悉，副市长李海、王春等参加活动。\n"
        "他要求：一是加快手续办理；二是强化要素保障。"
    )
    assert speakers(extract(text)) == [("张志强", None, 2)]


def test_a_pronoun_continuing_the_speaker_of_the_list_before(extract):
    text = (
        "县长陈立平强调：一要抓紧开工；二要压实责任。\n"
        "他还要求：一是加强调度；二是优化服务。"
    )
    assert speakers(extract(text)) == [("陈立平", None, 2), ("陈立平", None, 2)]
