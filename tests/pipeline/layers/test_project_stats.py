"""Project statistics: category, scope, segment, count, investment — per mechanism, on sentences
written for these tests (several wordings each, with distractors that must not match)."""
from __future__ import annotations

import pytest

Y = 10**8  # 亿
W = 10**4  # 万


def stats(record):
    return [
        (s["category"], s["scope"], s["segment"], s["count"],
         s["investment"] and (s["investment"]["amount"], s["investment"]["currency"]))
        for s in record["project_stats"]
    ]


def cny(yi):
    """An amount in 亿元 as the record writes it (an exact integer of yuan)."""
    value = yi * Y
    return (int(value) if value == int(value) else value, "CNY")


def parents(record):
    return [s["parent"] for s in record["project_stats"]]


# --- 1. a batch and its breakdowns -------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("全市集中开工项目48个，总投资210亿元。其中，工业项目30个，总投资150亿元；基础设施项目18个，总投资60亿元。",
     [("开工", "全市", None, 48, cny(210)), ("开工", "全市", "工业项目", 30, cny(150)),
      ("开工", "全市", "基础设施项目", 18, cny(60))]),
    ("本次全县签约项目共21个，签约金额达96.5亿元，其中文旅项目9个、农业项目12个。",
     [("签约", "全县", None, 21, cny(96.5)), ("签约", "全县", "文旅项目", 9, None),
      ("签约", "全县", "农业项目", 12, None)]),
    ("此次全区竣工项目33项，完成投资41亿元，其中民生项目有20项。",
     [("竣工", "全区", None, 33, cny(41)), ("竣工", "全区", "民生项目", 20, None)]),
])
def test_qizhong_breakdowns_take_the_batch_category_and_scope(extract, text, expected):
    assert stats(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("全市集中开工项目20个，总投资88亿元，包括先进制造业项目14个、现代服务业项目6个。",
     [("开工", "全市", None, 20, cny(88)), ("开工", "全市", "先进制造业项目", 14, None),
      ("开工", "全市", "现代服务业项目", 6, None)]),
    ("本期全省投产项目共73个，总投资320亿元。这些项目具体包括：新能源类25个、新材料类30个、生物医药类18个。",
     [("投产", "全省", None, 73, cny(320)), ("投产", "全省", "新能源类", 25, None),
      ("投产", "全省", "新材料类", 30, None), ("投产", "全省", "生物医药类", 18, None)]),
])
def test_baokuo_breakdowns_and_groups_not_headed_by_xiangmu(extract, text, expected):
    assert stats(extract(text)) == expected


@pytest.mark.parametrize("opener", ["分别是：", "分别为", "分别是"])
def test_fenbie_shi_lists_parts(extract, opener):
    text = f"此次全市开工的重大项目有26个，总投资130亿元。从领域看，开工项目{opener}产业项目15个、基础设施项目8个、民生项目3个。"
    assert stats(extract(text)) == [
        ("开工", "全市", None, 26, cny(130)), ("开工", "全市", "产业项目", 15, None),
        ("开工", "全市", "基础设施项目", 8, None), ("开工", "全市", "民生项目", 3, None),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("当天全市集中签约项目40个，总投资300亿元；按行业分，制造业25个，服务业15个。",
     [("签约", "全市", None, 40, cny(300)), ("签约", "全市", "制造业", 25, None), ("签约", "全市", "服务业", 15, None)]),
    ("全州开工项目60个，总投资240亿元。从投资规模看，10亿元以上项目7个，5亿元至10亿元项目11个。",
     [("开工", "全州", None, 60, cny(240)), ("开工", "全州", "10亿元以上项目", 7, None),
      ("开工", "全州", "5亿元至10亿元项目", 11, None)]),
    ("全县集中开工项目52个，总投资188亿元；投资10亿元以上的重大项目12个。",
     [("开工", "全县", None, 52, cny(188)), ("开工", "全县", "投资10亿元以上的重大项目", 12, None)]),
    ("全市开工项目30个，总投资96亿元，其中总投资5亿—10亿元项目8个，亿元以上项目22个。",
     [("开工", "全市", None, 30, cny(96)), ("开工", "全市", "总投资5亿—10亿元项目", 8, None),
      ("开工", "全市", "亿元以上项目", 22, None)]),
])
def test_size_bands_and_dimensions(extract, text, expected):
    """A band's threshold is not its amount (10亿元以上项目7个 has no investment)."""
    assert stats(extract(text)) == expected


def test_a_size_band_with_its_own_amount(extract):
    text = "全市新开工项目45个，总投资150亿元；其中亿元以上项目28个，总投资139亿元。"
    assert stats(extract(text)) == [
        ("开工", "全市", None, 45, cny(150)), ("开工", "全市", "亿元以上项目", 28, cny(139)),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("全县签约项目56个，总投资260亿元，目前已开工40个。",
     [("签约", "全县", None, 56, cny(260)), ("开工", "全县", None, 40, None)]),
    ("全区开复工项目43个，总投资80亿元。其中，续建项目复工25个，总投资50亿元；新建项目开工18个，总投资30亿元。",
     [(None, "全区", None, 43, cny(80)), ("复工", "全区", "续建项目", 25, cny(50)),
      ("开工", "全区", "新建项目", 18, cny(30))]),
    ("全市一季度开工项目96个，总投资410亿元。其中，续建项目58个、新建项目38个。",
     [("开工", "全市", None, 96, cny(410)), ("开工", "全市", "续建项目", 58, None),
      ("开工", "全市", "新建项目", 38, None)]),
    ("本批开工复工的项目共有30个，其中新开工项目12个，总投资45亿元。",
     [(None, None, None, 30, None), ("开工", None, None, 12, cny(45))]),
])
def test_status_subsets(extract, text, expected):
    """A status subset naming its kind right before its count takes that kind (复工25个, 已开工40个);
    one that names nothing but a kind of a mixed batch has no segment (新开工项目12个)."""
    assert stats(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("全省本批集中开工项目320个，总投资1800亿元。其中，我市9个，总投资42亿元。",
     [("开工", "全省", None, 320, cny(1800)), ("开工", "我市", None, 9, cny(42))]),
    ("全地区开工项目70个，总投资150亿元。其中，我县开工12个，总投资26亿元。",
     [("开工", "全地区", None, 70, cny(150)), ("开工", "我县", None, 12, cny(26))]),
    ("全省签约项目210个，签约金额1020亿元。会上获悉，许昌市列入本次集中签约的项目有18个，签约金额96亿元。",
     [("签约", "全省", None, 210, cny(1020)), ("签约", "许昌市", None, 18, cny(96))]),
])
def test_place_breakdowns_take_the_place_as_scope(extract, text, expected):
    assert stats(extract(text)) == expected


def test_place_breakdowns_listed_by_city(extract):
    """A provincial batch broken down by city: each city is the scope of its own figure."""
    text = ("全省二季度集中开工重大项目360个，总投资1500亿元。二季度集中开工重大项目中，"
            "开封52个、总投资210亿元，洛阳88个、总投资400亿元，新乡41个、总投资160亿元。")
    record = extract(text)
    assert stats(record) == [
        ("开工", "全省", None, 360, cny(1500)), ("开工", "开封", None, 52, cny(210)),
        ("开工", "洛阳", None, 88, cny(400)), ("开工", "新乡", None, 41, cny(160)),
    ]
    assert parents(record) == [None, 0, 0, 0]


def test_a_reference_as_subject_makes_the_figures_after_it_parts(extract):
    text = ("此次集中开工项目共140个，总投资900亿元；竣工项目共35个，总投资260亿元。此前已举行两批集中开工，共计420个，"
            "总投资1800亿元。本次开工项目突出产业升级，共开工先进制造业项目80个，总投资500亿元；开工交通项目60个，总投资400亿元。")
    record = extract(text)
    assert [(s[0], s[3]) for s in stats(record)] == [
        ("开工", 140), ("竣工", 35), ("开工", 420), ("开工", 80), ("开工", 60),
    ]
    assert [s[2] for s in stats(record)] == [None, None, None, "先进制造业项目", "交通项目"]
    assert parents(record) == [None, None, None, 0, 0]


def test_a_status_subset_of_the_same_kind_right_after_its_batch(extract):
    text = "今年前两批集中开工项目共计500个，总投资2100亿元。目前已实际开工460个，开工率92%。"
    record = extract(text)
    assert stats(record) == [("开工", None, None, 500, cny(2100)), ("开工", None, None, 460, None)]
    assert parents(record) == [None, 0]


def test_nested_breakdowns_link_to_their_own_batch(extract):
    text = ("全省集中开工项目500个，总投资2000亿元。按领域划分，产业项目300个，总投资1200亿元。"
            "其中，制造业项目200个，总投资900亿元；服务业项目100个，总投资300亿元。"
            "基础设施项目150个，总投资600亿元。另有民生项目50个，总投资200亿元。")
    record = extract(text)
    assert [s[2:4] for s in stats(record)] == [
        (None, 500), ("产业项目", 300), ("制造业项目", 200), ("服务业项目", 100), ("基础设施项目", 150), ("民生项目", 50),
    ]
    assert parents(record) == [None, 0, 1, 1, 0, 0]
    assert all(s[0] == "开工" and s[1] == "全省" for s in stats(record))
    assert record["warnings"] == []


def test_references_by_count_open_a_breakdown(extract):
    text = ("全市签约项目42个，签约金额310亿元；开工项目37个，总投资205亿元。"
            "签约的42个项目里，工业项目有30个，签约金额240亿元。在这37个开工项目中，亿元以上项目25个。")
    assert stats(extract(text)) == [
        ("签约", "全市", None, 42, cny(310)), ("开工", "全市", None, 37, cny(205)),
        ("签约", "全市", "工业项目", 30, cny(240)), ("开工", "全市", "亿元以上项目", 25, None),
    ]


@pytest.mark.parametrize(("text", "expected", "links"), [
    ("今年签约的80个亿元以上项目，截至6月底，已有52个项目开工建设；其中，有20个项目建成投产。",
     [("签约", None, None, 80, None), ("开工", None, None, 52, None), ("竣工", None, None, 20, None)], [None, 0, 1]),
    ("洽谈会上对接的60个项目中已有24个开工，总投资300亿元。",
     [(None, None, None, 60, None), ("开工", None, None, 24, cny(300))], [None, 0]),
    ("会上签约的15个项目已有6项开工建设，总投资42亿元。",
     [("签约", None, None, 15, None), ("开工", None, None, 6, cny(42))], [None, 0]),
])
def test_status_subsets_after_a_batch(extract, text, expected, links):
    """已有N个(项目)开工 after a batch of another kind: the part that has gone on, with that kind."""
    record = extract(text)
    assert stats(record) == expected
    assert parents(record) == links


def test_where_the_event_is_held_is_not_what_a_figure_covers(extract):
    text = "洛阳市2023年二季度重大项目集中签约活动8日在洛阳涧西区举行，本次集中签约项目48个，签约总额260亿元。"
    assert stats(extract(text)) == [("签约", "洛阳市", None, 48, cny(260))]


def test_breakdown_distractors(extract):
    text = ("全市集中开工项目18个，总投资66亿元。其中既有新材料项目，也有现代物流项目。"
            "其中，两个项目由外资企业投资。项目建设将带动3个产业集群发展。")
    assert stats(extract(text)) == [("开工", "全市", None, 18, cny(66))]


def test_a_part_cannot_be_more_than_its_batch(extract):
    """After a breakdown, a larger count with the same kind is a batch of its own."""
    text = "去年大会签约项目有300个，其中已开工项目120个；今年大会签约的项目为360个，其中已开工项目150个。"
    assert stats(extract(text)) == [
        ("签约", None, None, 300, None), ("签约", None, "已开工项目", 120, None),
        ("签约", None, None, 360, None), ("签约", None, "已开工项目", 150, None),
    ]


# --- 2. one stat per batch -----------------------------------------------------------------------

def test_a_batch_restated_in_headline_lead_and_body_is_one_stat(extract):
    text = ("周口市86个重点项目集中开工\n\n"
            "5月10日上午，周口市2024年第二批重点项目集中开工仪式举行，总投资312亿元的86个项目同步开工。\n"
            "据介绍，本批开工的86个项目，单体投资均在亿元以上，总投资312亿元，年度计划投资95亿元。")
    assert stats(extract(text)) == [("开工", "周口市", None, 86, cny(312))]


def test_a_headline_count_without_amount_is_no_second_stat(extract):
    text = "全县21个项目集中签约\n\n昨天，全县21个项目集中签约，签约总额98亿元。"
    assert stats(extract(text)) == [("签约", "全县", None, 21, cny(98))]


def test_a_named_place_beats_quan_across_mentions(extract):
    text = ("南阳市集中开工项目130个 总投资620亿元\n\n"
            "4月2日，南阳市2023年第一批重大项目集中开工活动举行。当天全市集中开工项目130个，总投资620亿元。")
    assert stats(extract(text)) == [("开工", "南阳市", None, 130, cny(620))]


def test_the_event_batch_takes_the_event_place(extract):
    text = ("6月18日，商丘市为2022年第二批重点项目举行集中开工仪式，市长宣布开工。\n"
            "据了解，此次集中开工的64个重点项目总投资185亿元。")
    assert stats(extract(text)) == [("开工", "商丘市", None, 64, cny(185))]


def test_a_short_name_takes_the_form_the_report_writes_with_its_level(extract):
    text = "6月1日，驻马店市一季度重大项目签约仪式举行。\n驻马店此次签约项目共27个，总投资133亿元。"
    assert stats(extract(text)) == [("签约", "驻马店市", None, 27, cny(133))]


# --- 3. amounts ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("全市签约项目25个，总投资额为120亿元。", cny(120)),
    ("全市签约项目25个，投资总额达120亿元。", cny(120)),
    ("全市签约项目25个，投资金额达120亿元。", cny(120)),
    ("全市签约项目25个，总投资规模120亿元。", cny(120)),
    ("全市签约项目25个，计划总投资120亿元。", cny(120)),
    ("全市签约项目25个，签约金额120亿元。", cny(120)),
    ("全市签约项目25个，合同引资额合计120亿元。", cny(120)),
    ("全市签约项目25个，合同引资120亿元。", cny(120)),
    ("全市签约项目25个，合同外资3.5亿美元。", (350000000, "USD")),
    ("全市签约项目25个，总投资约120亿元。", cny(120)),
    ("全市签约项目25个，总投资超120亿元。", cny(120)),
    ("全市签约项目25个，总投资超过120亿元。", cny(120)),
    ("全市签约项目25个，总投资近120亿元。", cny(120)),
    ("全市签约项目25个，总投资120多亿元。", cny(120)),
    ("全市签约项目25个，总投资1.2万亿元。", (1200000000000, "CNY")),
    ("全市签约项目25个，总投资86000万元。", (860000000, "CNY")),
    ("全市签约项目25个，总投资12,345万元。", (123450000, "CNY")),
    ("全市签约项目25个，签约金额为120亿元人民币。", cny(120)),
    ("全市签约项目25个，总投资人民币120亿元。", cny(120)),
    ("全市签约项目二十五个，总投资一百二十亿元。", cny(120)),
])
def test_every_way_the_genre_writes_a_total(extract, text, expected):
    found = stats(extract(text))
    assert len(found) == 1 and found[0][0] == "签约" and found[0][3] == 25 and found[0][4] == expected


@pytest.mark.parametrize(("text", "count", "amount"), [
    ("全市开工项目25个，同比增长10%，总投资90亿元。", 25, cny(90)),
    ("全市开工项目25个，比上年同期增加22.2%，总投资90亿元，增幅27.9%。", 25, cny(90)),
    ("总投资86亿元的32个项目当天集中开工。", 32, cny(86)),
    ("全县1,235个项目集中开工，总投资2,480亿元。", 1235, cny(2480)),
    ("全市开工的重大项目共388个，年度计划投资160亿元，总投资额为569亿元。", 388, cny(569)),
])
def test_amounts_bound_across_a_clause_or_before_the_count(extract, text, count, amount):
    found = stats(extract(text))
    assert [(f[3], f[4]) for f in found] == [(count, amount)]


@pytest.mark.parametrize("text", [
    "全市开工项目30个，年度计划投资45亿元。",
    "全市开工项目30个，年内计划完成投资45亿元。",
    "全市开工项目30个，今年计划完成投资45亿元。",
    "全市开工项目30个，累计完成投资45亿元。",
    "全市开工项目30个，平均投资超过5亿元。",
    "全市开工项目30个，单体投资均在亿元以上。",
    "全市开工项目30个，其中龙头项目（投资45亿元）一个。",
    "全市开工项目30个，达产后年产值45亿元，年税收3亿元，年营业收入60亿元。",
    "全市开工项目30个，银行授信金额45亿元。",
])
def test_figures_that_are_not_a_total_investment(extract, text):
    assert stats(extract(text)) == [("开工", "全市", None, 30, None)]


def test_completed_investment_counts_for_finished_projects_only(extract):
    text = "本次集中竣工项目16个，完成投资28亿元；集中开工项目20个，完成投资5亿元。"
    assert stats(extract(text)) == [("竣工", None, None, 16, cny(28)), ("开工", None, None, 20, None)]


def test_one_projects_own_amount_is_not_the_groups(extract):
    text = ("全县开工项目5个，投资总额18亿元。其中，省重点项目有2个，分别是甲项目（投资8亿元）和乙项目（投资6亿元）；"
            "市重点项目有3个，分别是丙项目（投资2亿元）、丁项目和戊项目。")
    assert stats(extract(text)) == [
        ("开工", "全县", None, 5, cny(18)), ("开工", "全县", "省重点项目", 2, None), ("开工", "全县", "市重点项目", 3, None),
    ]


def test_a_batch_amount_in_a_sentence_of_its_own(extract):
    text = "昨天上午，全省812个重大项目集中开工。本次开工项目分为产业升级、基础设施等四个类别，总投资5200亿元。"
    assert stats(extract(text)) == [("开工", "全省", None, 812, cny(5200))]


# --- 4. counts that are not project figures ------------------------------------------------------

def test_counts_of_other_things(extract):
    text = ("活动设3个分会场，成立8个招商小组，覆盖12个县区和16个省辖市，从5个方面提出要求。"
            "其中两个项目由外资企业投资。宝丰、鲁山等5个项目现场设分会场。全市实施项目建设“1+9”行动，推动13个产业链发展。"
            "全省签约项目100个，总投资500亿元。")
    assert stats(extract(text)) == [("签约", "全省", None, 100, cny(500))]


# --- 5. categories -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("verb", "category"), [
    ("集中签约", "签约"), ("签约落户", "签约"), ("集中开工", "开工"), ("开工建设", "开工"), ("动工", "开工"),
    ("集中投产", "投产"), ("竣工", "竣工"), ("复工", "复工"), ("落地", "落地"),
])
def test_each_kind(extract, verb, category):
    assert stats(extract(f"当天，全市28个重点项目{verb}，总投资76亿元。")) == [(category, "全市", None, 28, cny(76))]


@pytest.mark.parametrize("text", [
    "本批全市开复工项目共45个，总投资99亿元。",
    "本批全市开工复工的项目共45个，总投资99亿元。",
    "本批全市开竣工项目共45个，总投资99亿元。",
    "本批全市签约开工的项目共45个，总投资99亿元。",
    "本批全市签约、开工、投产项目共45个，总投资99亿元。",
    "当天全市45个重大项目集中开工、签约入区，总投资99亿元。",
])
def test_a_figure_covering_several_kinds_has_no_category(extract, text):
    assert stats(extract(text)) == [(None, "全市", None, 45, cny(99))]


def test_a_mixed_batch_split_by_kind(extract):
    text = "全区46个项目集中开竣工，总投资167亿元。本次开工的项目有28个，总投资117亿元；竣工的项目有18个，总投资50亿元。"
    assert stats(extract(text)) == [
        (None, "全区", None, 46, cny(167)), ("开工", "全区", None, 28, cny(117)), ("竣工", "全区", None, 18, cny(50)),
    ]


def test_the_doc_reads_the_normalised_text_and_the_record_the_original(extractor):
    """Full-width punctuation and traditional characters: the Doc's hits are in the normalised text (what the
    layers match), the record's values are read back from the article as written."""
    text = "全市集中開工項目48個，總投資210億元。其中，工業項目30個，總投資150億元；社會事業項目（民生項目）18個。"
    doc = extractor.nlp(text)
    found = [(s.category, s.count, s.segment and s.segment.text, s.investment and int(s.investment.amount))
             for s in doc._.zhnews_project_stats]
    assert found == [("开工", 48, None, 21000000000), ("开工", 30, "工业项目", 15000000000),
                     ("开工", 18, "社会事业项目(民生项目)", None)]
    record = extractor.extract(text)
    assert [s.segment for s in record.project_stats] == [None, "工業項目", "社會事業項目（民生項目）"]


def test_traditional_characters_give_simplified_categories(extract):
    text = "全市集中開工項目48個，總投資210億元。其中，工業項目30個，總投資150億元。"
    assert stats(extract(text)) == [("开工", "全市", None, 48, cny(210)), ("开工", "全市", "工業項目", 30, cny(150))]


# --- 6. warnings --------------------------------------------------------------------------------------

def test_parts_that_sum_to_more_than_their_batch_are_warned(extract):
    text = "全市开工项目40个，总投资100亿元。其中，工业项目25个，总投资90亿元；服务业项目15个，总投资30亿元。"
    record = extract(text)
    assert len(record["project_stats"]) == 3
    assert any("sum to" in w and "12000000000" in w for w in record["warnings"])


def test_an_implausible_amount_for_its_count_is_warned(extract):
    record = extract("全市开工项目40个，总投资100万元。")
    assert stats(record) == [("开工", "全市", None, 40, (1000000, "CNY"))]
    assert any("implausible" in w for w in record["warnings"])


def test_consistent_figures_give_no_warning(extract):
    text = "全市开工项目40个，总投资100亿元。其中，工业项目25个，总投资70亿元；服务业项目15个，总投资30亿元。"
    assert extract(text)["warnings"] == []


# --- the earlier cases ----------------------------------------------------------------------------------

def test_three_batches_in_one_sentence(extract):
    text = "据统计，全省集中签约项目340个，总投资2844亿元；开工项目519个，总投资约4647亿元。"
    assert stats(extract(text)) == [
        ("签约", "全省", None, 340, (284400000000, "CNY")),
        ("开工", "全省", None, 519, (464700000000, "CNY")),
    ]


def test_venue_scope_and_count_only(extract):
    assert stats(extract("17个项目在主会场现场签约。")) == [("签约", "主会场", None, 17, None)]
    assert stats(extract("总投资73.8亿元的12个重点项目在猇亭区开工。")) == [("开工", "猇亭区", None, 12, (7380000000, "CNY"))]
    assert stats(extract("目前，320个省级重点项目在全省范围内已全部复工。")) == [("复工", "全省", None, 320, None)]


def test_chinese_numeral_count_and_place_scope(extract):
    text = "宣布全省第五期“三个一批”活动郑州市一百零四个重大项目集中开工。"
    assert stats(extract(text)) == [("开工", "郑州市", None, 104, None)]


def test_annual_investment_is_not_the_total(extract):
    text = "信阳市“签约一批”项目49个，总投资234亿元，年度计划投资160.5亿元；“投产一批”项目1个（全省共4个），总投资11亿元。"
    assert stats(extract(text)) == [
        ("签约", "信阳市", None, 49, (23400000000, "CNY")),
        ("投产", "信阳市", None, 1, (1100000000, "CNY")),
        ("投产", "全省", None, 4, None),
    ]


def test_qualified_and_cumulative_figures(extract):
    text = "全州先后三次举行集中开竣工活动，共集中开工建设重大项目163个，总投资超734亿元。此次竣工项目23个、完成投资50亿元。"
    assert stats(extract(text)) == [
        ("开工", "全州", None, 163, (73400000000, "CNY")),
        ("竣工", None, None, 23, (5000000000, "CNY")),
    ]


def test_traps_are_not_statistics(extract):
    text = (
        "紧盯13个重点优势产业链，全面落实52条清单任务，主攻世界500强。山区26县均有项目参加。"
        "项目达产后可形成11亿元以上的年销售收入。“三个一批”项目建设活动在14个市州举行。为每一个项目提供服务。"
    )
    assert stats(extract(text)) == []


def test_signing_amount_keys_and_a_foreign_currency_breakdown(extract):
    text = "活动现场集中签约项目85个，签约金额632亿元，其中外资项目12个，签约金额5.6亿美元。"
    assert stats(extract(text)) == [
        ("签约", None, None, 85, (63200000000, "CNY")),
        ("签约", None, "外资项目", 12, (560000000, "USD")),
    ]


def test_a_venue_keeps_its_place(extract):
    text = "此次全区集中开工重大项目836个，总投资2236亿元。其中，南宁市主会场集中开工项目56个，总投资286亿元。"
    assert stats(extract(text)) == [
        ("开工", "全区", None, 836, (223600000000, "CNY")),
        ("开工", "南宁市主会场", None, 56, (28600000000, "CNY")),
    ]


def test_count_introduced_by_a_total_word(extract):
    assert stats(extract("全市集中开工项目总数为87个，总投资543亿元。")) == [("开工", "全市", None, 87, (54300000000, "CNY"))]


def test_stat_spans_show_their_values(extract):
    from conftest import check_spans

    text = ("全市集中开工项目48个，总投资约210亿元。其中，工业项目30个，总投资150亿元；"
            "社会事业项目（民生项目）18个，总投资60亿元。")
    record = extract(text)
    assert check_spans(text, record) >= 9
    assert [s["segment"] for s in record["project_stats"]] == [None, "工业项目", "社会事业项目（民生项目）"]
    traditional = text.replace("开", "開").replace("项", "項").replace("个", "個").replace("总", "總").replace("亿", "億")
    record = extract(traditional)
    for stat in record["project_stats"]:
        for key in ("scope", "segment"):
            if stat[key]:
                start, end = stat[f"{key}_span"]
                assert traditional[start:end] == stat[key]
    assert [s["segment"] for s in record["project_stats"]] == [None, "工业項目", "社会事业項目（民生項目）"]


# --- cost ---------------------------------------------------------------------------------------------

HOSTILE = [
    "签约项目12个总投资3亿元",  # one batch restated without end, in one sentence
    "签约项目{i}个总投资{i}亿元，",  # ever new batches
    "其中，制造业项目12个、",  # breakdowns opened without end
    "在698个项目里，",  # references without end
    "这批项目中产业项目",
    "10月8日，郑州市2021年第一批项目集中开工，",  # event sentences
    "陈仓区、凤县、千阳县的",  # a list that never ends
    "全市开工项目5个，(包括",  # parentheses opened without end
    "其中制造业项目12个",  # no punctuation at all
    "\n九江市分会场活动举行。该市此次开工项目{i}个。",  # paragraphs opening with a place, without end
    "该县签约项目{i}个，",  # anaphoric places without end
    "南昌市有甲项目、乙项目等{i}个项目开工，",  # subjects before lists of named projects
    "其中此次签约仪式上签约项目{i}个、社会民生建设{i}个，",  # event phrases and groups not headed by 项目
]


def _layer_seconds(extractor, text: str) -> float:
    import time

    from zhnews.pipeline.base import text_of  # noqa: F401  (the layer reads the doc's text)

    nlp = extractor.nlp
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "zhnews_project_stats":
            started = time.perf_counter()
            component(doc)
            return time.perf_counter() - started
        doc = component(doc)
    raise AssertionError("no project_stats layer")


@pytest.mark.slow
@pytest.mark.parametrize("unit", HOSTILE)
def test_the_layer_is_linear_on_hostile_input(extractor, unit):
    """Four times the input costs about four times as much (a quadratic pass would cost 16x)."""
    def text(n):
        return "".join(unit.format(i=i) for i in range(n))

    small = min(_layer_seconds(extractor, text(1500)) for _ in range(3))
    large = min(_layer_seconds(extractor, text(6000)) for _ in range(3))
    assert large < 9 * max(small, 0.002), (unit, small, large)


@pytest.mark.slow
def test_every_figure_pattern_runs_in_linear_time():
    import re
    import time

    from zhnews.pipeline.figures import amounts, mentions, scopes, sentence, tree, words

    loaded = words.load()
    patterns = {k: v for k, v in vars(loaded).items() if isinstance(v, re.Pattern)}
    for module in (amounts, mentions, scopes, sentence, tree, words):
        patterns.update({f"{module.__name__}.{k}": v for k, v in vars(module).items() if isinstance(v, re.Pattern)})
    assert len(patterns) >= 10
    slow = []
    for name, pattern in patterns.items():
        chars = sorted({c for c in pattern.pattern if "\u4e00" <= c <= "\u9fff"})[:20] + list("0123456789、,。(")
        for unit in chars + [a + b for a, b in zip(chars, chars[1:], strict=False)]:
            timings = []
            for size in (500, 8000):
                best = float("inf")
                for _ in range(3):
                    started = time.perf_counter()
                    list(pattern.finditer(unit * size))
                    best = min(best, time.perf_counter() - started)
                timings.append(best)
            if timings[1] > 0.005 and timings[1] > 60 * max(timings[0], 2e-4):  # linear: ~16x
                slow.append((name, unit, timings))
    assert not slow, slow


def test_count_sentences_are_the_sentences_holding_a_count_pattern_match_with_their_matches():
    from conftest import CORPUS

    from zhnews.pipeline.layers.project_stats import count_sentences
    from zhnews.text.numbers import COUNT_PATTERN
    from zhnews.text.scan import SentenceIndex

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += ["第3个项目。共12项，其中三十个。一二三四五六七八九十百千万个", "个项。5个", "٣个阿拉伯数字。１２个"]
    for text in texts:
        index = SentenceIndex(text)
        for start in (0, 1, 5, len(text) // 2):
            matches = list(COUNT_PATTERN.finditer(text, start))
            expected = [(bounds, [m.span() for m in matches if index.sentence(m.start()) == bounds])
                        for bounds in sorted({index.sentence(m.start()) for m in matches})]
            found = [(bounds, [m.span() for m in counts]) for bounds, counts in count_sentences(text, start, index)]
            assert found == expected, (text[:30], start)


# --- issue 12b: figures on reports nobody tuned for --------------------------------------------------

# 1. a place opening its clause as its subject, before a list of the batch's named projects

def test_place_headed_paragraphs_each_give_their_own_figures_scope(extract):
    """甲市有A项目、B工程等81个项目…: the place before the list is the scope (and its breakdown's);
    the places inside the list (湖口县, 庐山区) are not, and the next paragraph does not inherit it."""
    text = ("3月6日，全省第一批重大项目集中开竣工活动在各设区市同步举行。\n"
            "南昌市有红谷滩数字经济产业园项目、昌北机场三期工程等81个项目开竣工，总投资约480亿元。其中新开工44项，竣工37项。\n"
            "九江市有湖口县新材料项目、庐山区污水处理厂工程等50个项目开竣工，总投资约395亿元。其中新开工30项，竣工20项。")
    record = extract(text)
    assert stats(record) == [
        (None, "南昌市", None, 81, cny(480)), ("开工", "南昌市", None, 44, None), ("竣工", "南昌市", None, 37, None),
        (None, "九江市", None, 50, cny(395)), ("开工", "九江市", None, 30, None), ("竣工", "九江市", None, 20, None),
    ]
    assert parents(record) == [None, 0, 0, None, 3, 3]


@pytest.mark.parametrize(("text", "expected"), [
    ("赣州市集中开工章贡区电子信息产业园项目、南康区家具产业园等39个项目，总投资210亿元。\n"
     "吉安市此次开工井冈山经开区新能源项目等12个项目，总投资50亿元。",
     [("开工", "赣州市", None, 39, cny(210)), ("开工", "吉安市", None, 12, cny(50))]),
    ("全县有北山物流园项目、南湖新城工程等26个项目签约，总投资77亿元。", [("签约", "全县", None, 26, cny(77))]),
    ("我市共有高新区芯片项目、东湖水厂等18个项目集中开工，总投资64亿元。", [("开工", "我市", None, 18, cny(64))]),
    ("此次南昌县有小蓝经开区汽车零部件项目、莲塘镇水厂等18个项目签约，总投资60亿元。",
     [("签约", "南昌县", None, 18, cny(60))]),
    # a place that opens the first project's own name is no scope
    ("浏阳市经开区电子信息产业园项目、宁乡市水厂工程等30个项目开工，总投资90亿元。", [("开工", None, None, 30, cny(90))]),
    ("南昌市红谷滩区光伏产业园项目、九江市水厂等30个项目开工。", [("开工", None, None, 30, None)]),
    ("赣州有章贡区光伏产业园项目、东江水厂工程等60个项目开工，总投资300亿元。", [("开工", "赣州", None, 60, cny(300))]),
    ("南昌市：北山物流园项目、南湖新城工程等81个项目开工，总投资约480亿元。", [("开工", "南昌市", None, 81, cny(480))]),
])
def test_the_subject_place_before_a_list_of_named_projects(extract, text, expected):
    record = extract(text)
    assert stats(record) == expected
    assert parents(record) == [None] * len(expected)


def test_a_part_naming_its_own_place_before_its_projects(extract):
    text = ("全省签约项目200个，总投资800亿元。其中，赣县区集中签约了某新材料项目、储能电站项目等9个项目，签约金额45亿元；"
            "瑞金市签约了沙洲坝光伏项目等7个项目，签约金额30亿元；九江市重点产业项目30个。")
    assert stats(extract(text)) == [
        ("签约", "全省", None, 200, cny(800)), ("签约", "赣县区", None, 9, cny(45)), ("签约", "瑞金市", None, 7, cny(30)),
        ("签约", "全省", "九江市重点产业项目", 30, None),  # the place labels the group: no place of its own
    ]


def test_a_figure_of_another_place_restates_no_part(extract):
    """吉安市…40个 after a part of 赣州市's batch that has 40 too is a batch of its own, with its own amount."""
    text = ("5月8日，全省第二批重大项目集中开工活动举行。\n"
            "赣州市有章贡区光伏产业园项目等60个项目开工，总投资300亿元。其中产业项目40个。\n"
            "吉安市有井冈山机场改扩建工程等40个项目开工，总投资200亿元。")
    record = extract(text)
    assert stats(record) == [
        ("开工", "赣州市", None, 60, cny(300)), ("开工", "赣州市", "产业项目", 40, None), ("开工", "吉安市", None, 40, cny(200)),
    ]
    assert parents(record) == [None, 0, None]


# 2. 和/与/及/或 before a generic level word is a conjunction; a place starting with one keeps it

@pytest.mark.parametrize(("text", "expected"), [
    ("今年以来，全州累计集中开工和县区自行开工重点项目1031个，总投资800亿元。", [("开工", "全州", None, 1031, cny(800))]),
    ("全州开工项目60个。全州和县区自行开工项目31个。", [("开工", "全州", None, 60, None), ("开工", "全州", None, 31, None)]),
    ("和布克赛尔县开工项目13个，总投资9亿元。", [("开工", "和布克赛尔县", None, 13, cny(9))]),
    ("全州开工项目60个，总投资90亿元。其中，和布克赛尔县开工项目13个，总投资9亿元。",
     [("开工", "全州", None, 60, cny(90)), ("开工", "和布克赛尔县", None, 13, cny(9))]),
    ("马鞍山市开工项目60个，其中和县开工项目12个，含山县8个。",
     [("开工", "马鞍山市", None, 60, None), ("开工", "和县", None, 12, None), ("开工", "含山县", None, 8, None)]),
])
def test_a_conjunction_before_a_generic_level_word_is_no_place(extract, text, expected):
    assert stats(extract(text)) == expected


# 3. 此次/本次 + an event noun or a place opens no segment

@pytest.mark.parametrize(("text", "expected"), [
    ("全省签约项目300个，总投资900亿元，其中此次大会签约项目14个，总投资20亿元。",
     [("签约", "全省", None, 300, cny(900)), ("签约", "全省", None, 14, cny(20))]),
    ("全省签约项目300个，总投资900亿元，其中本次推介会上签约的项目有14个。",
     [("签约", "全省", None, 300, cny(900)), ("签约", "全省", None, 14, None)]),
    ("全市集中签约开工项目50个，总投资200亿元，其中此次活动签约项目14个，此次九江市开工项目36个。",
     [(None, "全市", None, 50, cny(200)), ("签约", "全市", None, 14, None), ("开工", "九江市", None, 36, None)]),
    ("全县开复工项目50个，其中本次仪式开工项目14个，本次我县复工项目36个。",
     [(None, "全县", None, 50, None), ("开工", "全县", None, 14, None), ("复工", "我县", None, 36, None)]),
    ("全省开工项目300个，总投资900亿元。其中，此次赣州市开工项目43个，总投资88亿元。",
     [("开工", "全省", None, 300, cny(900)), ("开工", "赣州市", None, 43, cny(88))]),
    ("此次活动签约项目14个，总投资20亿元。", [("签约", None, None, 14, cny(20))]),
    ("全省签约项目300个，总投资900亿元，其中此次签约仪式上签约项目14个，会上签约的项目有6个，大会期间签约项目9个。",
     [("签约", "全省", None, 300, cny(900)), ("签约", "全省", None, 14, None), ("签约", "全省", None, 6, None),
      ("签约", "全省", None, 9, None)]),
    # labels that are not the event stay
    ("全省签约项目300个，其中现场签约项目14个，场外签约项目20个。",
     [("签约", "全省", None, 300, None), ("签约", "全省", "现场签约项目", 14, None), ("签约", "全省", "场外签约项目", 20, None)]),
])
def test_the_event_or_a_place_after_cici_is_no_segment(extract, text, expected):
    assert stats(extract(text)) == expected


# 4. traditional characters: every scope word list is matched on the folded text, the scope as written

def test_traditional_deictic_scopes_in_a_breakdown(extract):
    text = "全市開工項目60個，總投資90億元。其中，我縣9個，本縣開工12個，乾縣8個。"
    assert stats(extract(text)) == [
        ("开工", "全市", None, 60, cny(90)), ("开工", "我縣", None, 9, None), ("开工", "本縣", None, 12, None),
        ("开工", "乾縣", None, 8, None),
    ]


@pytest.mark.parametrize(("text", "scope"), [
    ("乾县开工项目13个，总投资9亿元。", "乾县"),  # 乾 folds to 干: the gazetteer knows both forms
    ("全市开工项目60个，其他县（市、区）开工项目20个。", "其他县（市、区）"),  # full-width parentheses fold
])
def test_word_lists_match_their_folded_form(extract, text, scope):
    assert stats(extract(text))[-1][1] == scope


def test_every_figure_word_list_entry_is_in_its_folded_form():
    from zhnews import lexicon
    from zhnews.pipeline.figures import words
    from zhnews.text.normalize import map_chars

    loaded = words.load()
    entries = []
    for value in vars(loaded).values():
        if isinstance(value, str):
            entries.append(value)
        elif isinstance(value, tuple | frozenset):
            entries += [v for v in value if isinstance(v, str)]
        elif isinstance(value, dict):
            entries += [k for k in value if isinstance(k, str)]
    assert len(entries) > 300
    assert [e for e in entries if map_chars(e) != e] == []
    places = lexicon.load().places
    assert {"乾县", "干县"} <= places and all(map_chars(p) in places for p in places)


# 5. the event's subject place in the lead, whatever opens the lead

@pytest.mark.parametrize("lead", [
    "首页 > 新闻中心 > 本县要闻 12月22日，",
    "发布时间:2023-12-27 14:27:11 | 来源:县融媒体中心 | 责任编辑:李明12月22日，",
    "本报讯（记者 王明）近日，",
    "日前，",
    "新华社太原12月22日电 ",
    "",
])
def test_the_leads_subject_place_is_the_event_batchs_scope(extract, lead):
    text = (f"{lead}永和县2023年第四季度招商引资项目集中签约仪式在县会议中心举行。县委书记出席。\n"
            "据了解，本次集中签约项目4个，签约金额合计17.51亿元。")
    assert stats(extract(text)) == [("签约", "永和县", None, 4, (1751000000, "CNY"))]


def test_a_lead_without_a_date_gives_its_subject_place_only(extract):
    text = ("石泉县2024年招商引资项目集中签约仪式于3月4日在县政务中心举行。\n本次共签约项目19个，签约总额8.06亿元。")
    assert stats(extract(text)) == [("签约", "石泉县", None, 19, (806000000, "CNY"))]
    text = "为加快全市项目建设，市里出台了新政策。\n本次集中签约项目4个，签约金额17.51亿元。"
    assert stats(extract(text)) == [("签约", None, None, 4, (1751000000, "CNY"))]


@pytest.mark.parametrize(("text", "expected"), [
    ("九江市举行集中开工仪式。据了解，该市此次集中开工项目50个，总投资395亿元。", [("开工", "九江市", None, 50, cny(395))]),
    ("12月22日，筠连县招商引资项目集中签约仪式举行。\n据悉，该县今年以来累计签约项目40个，签约金额117亿元。",
     [("签约", "筠连县", None, 40, cny(117))]),
    ("该县此次签约项目12个，总投资30亿元。", [("签约", None, None, 12, cny(30))]),  # no county named before
])
def test_an_anaphoric_place_is_the_place_named_last(extract, text, expected):
    from conftest import check_spans

    record = extract(text)
    assert stats(record) == expected
    check_spans(text, record)


def test_a_paragraph_opening_with_its_place_gives_it_to_its_figures(extract):
    text = ("5月8日，全省重大项目集中开工活动举行。\n"
            "九江市分会场活动在庐山区举行。此次共开工项目50个，总投资395亿元。\n"
            "上饶市分会场设在信州区。共集中开工项目39个，总投资210亿元，其中产业项目20个。\n"
            "全省共开工项目300个，总投资1500亿元。")
    assert stats(extract(text)) == [
        ("开工", "九江市", None, 50, cny(395)), ("开工", "上饶市", None, 39, cny(210)),
        ("开工", "上饶市", "产业项目", 20, None), ("开工", "全省", None, 300, cny(1500)),
    ]


# 6. kinds the genre uses for batches; a kind only from the batch's own verb

@pytest.mark.parametrize(("verb", "category"), [
    ("集中启动", "启动"), ("启动建设", "启动"), ("启动", "启动"), ("集中推介", "推介"), ("入库", "入库"),
])
def test_more_kinds(extract, verb, category):
    assert stats(extract(f"当天，全市28个重点项目{verb}，总投资76亿元。")) == [(category, "全市", None, 28, cny(76))]


@pytest.mark.parametrize(("text", "expected"), [
    ("为推动项目早日落地，本次集中启动项目45个，总投资120亿元。", ("启动", 45)),
    ("全省重大项目集中启动活动举行，共集中启动项目300个，总投资900亿元。", ("启动", 300)),
    ("推介会上，全市共推介招商项目86个，总投资420亿元。", ("推介", 86)),
    ("全市新增入库项目120个，总投资300亿元。", ("入库", 120)),
    # a weak verb of the event, or beside another verb, or an aim of another clause, gives no kind
    ("全省重大项目集中开工活动启动，300个项目总投资900亿元。", ("开工", 300)),
    ("启动仪式上，18个项目集中签约，总投资50亿元。", ("签约", 18)),
    ("全市推介签约项目20个，总投资30亿元。", ("签约", 20)),
    ("在新城启动区，全市开工项目20个，总投资30亿元。", ("开工", 20)),
    ("为推动项目早日落地，62个重点项目总投资120亿元。", (None, 62)),
    ("力争项目早日开工，当天全市28个重点项目总投资76亿元。", (None, 28)),
])
def test_a_kind_comes_from_the_batchs_own_verb(extract, text, expected):
    found = stats(extract(text))
    assert [(f[0], f[3]) for f in found] == [expected]


# 7. groups not headed by 项目 in a breakdown

@pytest.mark.parametrize(("text", "expected"), [
    ("全市开工项目3个，总投资8亿元。其中重大生态环境建设项目1个、总投资1亿元，重大社会民生建设2个、总投资7亿元。",
     [("开工", "全市", None, 3, cny(8)), ("开工", "全市", "重大生态环境建设项目", 1, cny(1)),
      ("开工", "全市", "重大社会民生建设", 2, cny(7))]),
    ("全市开工项目3个，总投资8亿元。其中重大社会民生建设2个、总投资7亿元，重大生态环境建设项目1个、总投资1亿元。",
     [("开工", "全市", None, 3, cny(8)), ("开工", "全市", "重大社会民生建设", 2, cny(7)),
      ("开工", "全市", "重大生态环境建设项目", 1, cny(1))]),
    ("全县签约项目30个，总投资90亿元，其中工业项目20个，文化旅游10个。",
     [("签约", "全县", None, 30, cny(90)), ("签约", "全县", "工业项目", 20, None), ("签约", "全县", "文化旅游", 10, None)]),
    ("此次全省推介招商项目共520个。其中，农业类141个，工业类257个，交通基础设施93个，社会事业29个。",
     [("推介", "全省", None, 520, None), ("推介", "全省", "农业类", 141, None), ("推介", "全省", "工业类", 257, None),
      ("推介", "全省", "交通基础设施", 93, None), ("推介", "全省", "社会事业", 29, None)]),
    # counts of other things beside the parts are no groups
    ("全市开工项目40个，其中产业项目25个，覆盖县区12个。", [("开工", "全市", None, 40, None), ("开工", "全市", "产业项目", 25, None)]),
    ("全市开工项目40个，其中，县区12个。", [("开工", "全市", None, 40, None)]),
])
def test_groups_not_headed_by_xiangmu_beside_parts(extract, text, expected):
    assert stats(extract(text)) == expected


# 8. a mixed total, its parts, and other batches of the paragraph

def test_a_mixed_total_its_parts_and_a_larger_batch(extract):
    text = "全市集中签约、开工项目1722个，总投资6600亿元。其中开工280个、签约180个。签约开工项目460个，总投资6800亿元。"
    record = extract(text)
    assert stats(record) == [
        (None, "全市", None, 1722, cny(6600)), ("开工", "全市", None, 280, None), ("签约", "全市", None, 180, None),
        (None, "全市", None, 460, cny(6800)),
    ]
    assert parents(record) == [None, 0, 0, None]  # a part cannot cost more than its whole


@pytest.mark.parametrize(("text", "expected"), [
    ("全县本次签约项目12个、开工项目8个，合计20个，总投资60亿元。",
     [("签约", "全县", None, 12, None), ("开工", "全县", None, 8, None), (None, "全县", None, 20, cny(60))]),
    ("全县签约项目12个，另有8个项目签约落户，共20个。",
     [("签约", "全县", None, 12, None), ("签约", "全县", None, 8, None), ("签约", "全县", None, 20, None)]),
    ("全市集中签约、开工项目1722个，总投资6600亿元。其中，签约280个、开工180个；亿元以上项目300个。",
     [(None, "全市", None, 1722, cny(6600)), ("签约", "全市", None, 280, None), ("开工", "全市", None, 180, None),
      (None, "全市", "亿元以上项目", 300, None)]),
    ("本次活动共签约、开工、竣工项目120个，总投资500亿元。其中，签约项目50个，总投资200亿元；开工项目40个，"
     "总投资180亿元；竣工项目30个，总投资120亿元。",
     [(None, None, None, 120, cny(500)), ("签约", None, None, 50, cny(200)), ("开工", None, None, 40, cny(180)),
      ("竣工", None, None, 30, cny(120))]),
])
def test_totals_of_several_kinds(extract, text, expected):
    """A total glued to parts of several kinds has none; a part of such a batch takes no other part's kind."""
    assert stats(extract(text)) == expected
