"""Organisations: companies and institutes, not government bodies nor project names."""
from __future__ import annotations


def orgs(record):
    return [o["name"] for o in record["organizations"]]


def test_companies_in_a_list_and_after_a_verb(extract):
    text = (
        "浙江省海港投资运营集团有限公司、河南星汉生物科技有限公司代表企业发言。"
        "随后到河南明晟新材料科技有限公司现场观摩，察看了中国平煤神马集团的项目。"
    )
    assert orgs(extract(text)) == [
        "浙江省海港投资运营集团有限公司", "河南星汉生物科技有限公司", "河南明晟新材料科技有限公司", "中国平煤神马集团",
    ]


def test_brackets_inside_a_name(extract):
    assert orgs(extract("台湾川奇光电科技(扬州)有限公司总经理彭乾坤介绍了项目。")) == ["台湾川奇光电科技(扬州)有限公司"]


def test_company_names_inside_project_names_and_government_bodies_are_not_listed(extract):
    text = "中国电子科技集团公司第二十七研究所产业基地等项目签约。省发展改革委、市招商局通报了情况。该公司表示满意。"
    assert orgs(extract(text)) == []


def test_an_institute_whose_official_attends(extract):
    assert orgs(extract("中国科学院工程热物理研究所党委书记黄从利出席。")) == ["中国科学院工程热物理研究所"]


def test_a_stop_word_inside_a_company_name_does_not_cut_it(extract):
    text = "华为技术有限公司、比亚迪汽车工业有限公司等企业负责人参加。随后到河南明晟新材料科技有限公司观摩。"
    assert orgs(extract(text)) == ["华为技术有限公司", "比亚迪汽车工业有限公司", "河南明晟新材料科技有限公司"]


def test_suffix_runs_match_what_one_or_more_suffixes_match():
    import re

    from conftest import CORPUS

    from zhnews import lexicon
    from zhnews.pipeline.layers.organizations import _suffix_run

    suffix = lexicon.load().org_suffix_pattern.pattern
    plain = re.compile(f"(?:{suffix})+")
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += ["中铁建工集团有限公司第二十七研究所", "集团有限公司集团公司研究所有限公司", "公司", ""]
    for text in texts:
        assert [m.span() for m in _suffix_run(suffix).finditer(text)] == [m.span() for m in plain.finditer(text)]
