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


def test_an_institute_inside_a_project_name_is_listed_government_bodies_are_not(extract):
    text = "中国电子科技集团公司第二十七研究所产业基地等项目签约。省发展改革委、市招商局通报了情况。该公司表示满意。"
    assert orgs(extract(text)) == ["中国电子科技集团公司第二十七研究所"]


def test_an_institute_whose_official_attends(extract):
    assert orgs(extract("中国科学院工程热物理研究所党委书记黄从利出席。")) == ["中国科学院工程热物理研究所"]


def test_a_stop_word_inside_a_company_name_does_not_cut_it(extract):
    text = "华为技术有限公司、比亚迪汽车工业有限公司等企业负责人参加。随后到河南明晟新材料科技有限公司观摩。"
    assert orgs(extract(text)) == ["华为技术有限公司", "比亚迪汽车工业有限公司", "河南明晟新材料科技有限公司"]


def test_suffix_runs_match_what_one_to_four_suffixes_match():
    import re

    from conftest import CORPUS

    from zhnews import lexicon
    from zhnews.pipeline.layers.organizations import MAX_SUFFIXES, _suffix_run

    suffix = lexicon.load().org_suffix_pattern.pattern
    plain = re.compile(f"(?:{suffix}){{1,{MAX_SUFFIXES}}}")
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += ["中铁建工集团有限公司第二十七研究所", "集团有限公司集团公司研究所有限公司", "公司", ""]
    for text in texts:
        assert [m.span() for m in _suffix_run(suffix).finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_banks_and_their_branches_but_not_the_central_bank(extract):
    text = (
        "会上，县政府与中国建设银行河南省分行、交通银行洛阳分行签署战略合作协议。"
        "中国人民银行洛阳市中心支行行长王立新出席。农业发展银行嵩县支行将提供贷款。"
    )
    assert orgs(extract(text)) == ["中国建设银行河南省分行", "交通银行洛阳分行", "农业发展银行嵩县支行"]


def test_a_short_form_of_a_listed_name_is_not_listed_again(extract):
    text = "中国邮政储蓄银行湖北省分行副行长出席。邮储银行湖北省分行将提供授信。中国银行湖北省分行也参加。"
    assert orgs(extract(text)) == ["中国邮政储蓄银行湖北省分行", "中国银行湖北省分行"]


def test_the_left_edge_stops_at_a_verb_or_preposition(extract):
    cases = {
        "县政府携手华中科技大学共建研究院。": ["华中科技大学"],
        "会上引进了长城汽车股份有限公司。": ["长城汽车股份有限公司"],
        "该园区由恒通控股集团投资建设。": ["恒通控股集团"],
        "市政府还同海澜新能源科技有限公司签订协议。": ["海澜新能源科技有限公司"],
        "主会场设在远山重工集团的新厂区。": ["远山重工集团"],
        "项目系宁远精工公司和日本丸山机械株式会社合资兴建。": ["宁远精工公司", "日本丸山机械株式会社"],
    }
    for text, expected in cases.items():
        assert orgs(extract(text)) == expected, text


def test_universities_laboratories_associations_and_chambers(extract):
    text = (
        "复旦大学党委副书记、江淮实验室主任出席，安徽省光电科学与技术实验室也派员参加。"
        "华东美国商会、中国法国商会等商协会的代表和徽商总会会长到场。"
    )
    assert orgs(extract(text)) == ["复旦大学", "江淮实验室", "安徽省光电科学与技术实验室", "华东美国商会", "中国法国商会", "徽商总会"]


def test_companies_without_a_legal_suffix_made_clear_by_the_text(extract):
    cases = {
        "该项目由蓝海新材投资建设，总投资20亿元。": ["蓝海新材"],
        "云帆科技董事长陈晓介绍了项目情况。": ["云帆科技"],
        "德国企业博世代表签约企业发言。": ["博世"],
        "北辰电子、启明星辰等多家企业签约入驻。": ["北辰电子", "启明星辰"],
        "市政府与华润集团签约，并与比亚迪签署合作协议。": ["华润集团", "比亚迪"],
    }
    for text, expected in cases.items():
        assert orgs(extract(text)) == expected, text


def test_generic_words_people_industries_and_government_bodies_are_not_organisations(extract):
    text = (
        "跨国公司纷纷来投资，各类商协会积极参与，外国商协会代表出席，该公司表示满意。"
        "王五董事长讲话，赵六总经理介绍。有色金属、装备制造等企业负责人参加。"
        "县人民政府、高新区管委会、省发改委和市招商局负责人参加。南京大学生创业园开园。"
        "全市重点项目第三季度工作促进会在县城召开。"
    )
    assert orgs(extract(text)) == []


def test_organisations_inside_project_names(extract):
    text = "东方电气集团智慧能源产业园、恒力石化股份有限公司年产100万吨项目等集中开工。"
    assert orgs(extract(text)) == ["东方电气集团", "恒力石化股份有限公司"]


def test_context_never_makes_a_company_of_a_place_a_project_or_a_person(extract):
    text = (
        "项目总经理张强介绍情况。来自美国、德国、日本等国家的企业参加。"
        "郑州投资建设的新区初具规模。赵立新总经理讲话。"
    )
    assert orgs(extract(text)) == []


def test_places_tagged_as_other_words_stay_inside_a_name(extract):
    text = "浦发银行大连分行与中国科学院大连化学物理研究所签订协议。"
    assert orgs(extract(text)) == ["浦发银行大连分行", "中国科学院大连化学物理研究所"]


# --- Issue 13d: a name's left edge, counts, numerals and brands with an industry word ------------


def test_the_verb_of_the_event_is_cut_from_a_names_left_edge(extract):
    cases = [
        ("7月1日，开发区举行隆基公司光伏项目开工仪式。", ["隆基公司"]),
        ("园区开工隆基绿能公司新厂。", ["隆基绿能公司"]),
        ("近日，签约正泰集团智能电气项目。", ["正泰集团"]),
        ("开工建设通威公司新厂。投资华为公司研发中心。", ["通威公司", "华为公司"]),
    ]
    for text, expected in cases:
        assert orgs(extract(text)) == expected, text
    # A verb inside a name stays: 建设 opens 建设银行, 投资 stands inside 河南投资集团.
    assert orgs(extract("建设银行、河南投资集团参与。")) == ["建设银行", "河南投资集团"]


def test_a_count_or_a_date_is_no_part_of_a_name(extract):
    assert orgs(extract("35家央企集团参加。园区引进10余家公司。共有12家企业集团参会。百余家企业参加。")) == []
    assert orgs(extract("2023年隆基公司签约。3月1日正泰集团签约。")) == ["隆基公司", "正泰集团"]


def test_a_numeral_inside_a_name_stays(extract):
    text = "由十一化建公司承建，中铁十一局集团有限公司参建，三一重工股份有限公司供货。"
    assert orgs(extract(text)) == ["十一化建公司", "中铁十一局集团有限公司", "三一重工股份有限公司"]


def test_a_brand_with_an_industry_word_is_a_company_where_the_text_makes_it_one(extract):
    cases = [
        ("8月3日，习酒酒业二期项目开工。", ["习酒酒业"]),
        ("华鑫新材料年产10万吨项目签约。", ["华鑫新材料"]),
        ("恒达科技智能制造项目签约。", ["恒达科技"]),
        ("通威能源投资12亿元建设光伏电站。晶科能源落户当地。", ["通威能源", "晶科能源"]),
        ("协鑫新能源科技二期项目开工。", ["协鑫新能源科技"]),
        ("科元控股年产110万吨新材料项目签约仪式举行。", ["科元控股"]),
        ("恒达科技与县政府签订投资协议。华鑫新材料计划投资10亿元建设新厂。", ["恒达科技", "华鑫新材料"]),
    ]
    for text, expected in cases:
        assert orgs(extract(text)) == expected, text


def test_an_industry_or_a_project_name_alone_is_no_company(extract):
    for text in [
        "新材料产业、电子信息产业发展迅速。新材料产业项目签约。",
        "推进氢能科技项目，发展绿色能源项目、生物医药项目、光伏新材料项目、清洁能源项目、数字科技项目。",
        "全市科技项目、重点电子项目、高新科技项目签约，大力发展新能源汽车项目。",
        "县科技局项目评审。全县电子商务项目签约。智慧物流项目签约。现代农业项目签约。",
        "在恒达新能源商用车项目工地，市长出席。华鑫电子总部基地等项目签约。",
        "全省新能源拟投资50亿元。该县生物医药计划投资。发展数字科技将投资。",
    ]:
        assert orgs(extract(text)) == [], text


def test_a_descriptor_calling_the_name_a_company_is_no_part_of_it(extract):
    text = "世界500强企业隆基集团投资建设的项目开工。中国500强企业正泰集团参加签约。国内龙头企业通威集团签约。"
    assert orgs(extract(text)) == ["隆基集团", "正泰集团", "通威集团"]
    # 企业 inside a registered name stays.
    text = "河南鼎盛企业管理咨询有限公司、中国企业联合会、上海华谊企业集团有限公司参加。"
    assert orgs(extract(text)) == ["河南鼎盛企业管理咨询有限公司", "中国企业联合会", "上海华谊企业集团有限公司"]
