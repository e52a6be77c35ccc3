"""Project statistics: category, scope, segment, count, investment."""
from __future__ import annotations


def stats(record):
    return [
        (s["category"], s["scope"], s["segment"], s["count"], s["investment"] and (s["investment"]["amount"], s["investment"]["currency"]))
        for s in record["project_stats"]
    ]


def test_three_batches_in_one_sentence(extract):
    text = "据统计，全省集中签约项目340个，总投资2844亿元；开工项目519个，总投资约4647亿元。"
    assert stats(extract(text)) == [
        ("签约", "全省", None, 340, (284400000000, "CNY")),
        ("开工", "全省", None, 519, (464700000000, "CNY")),
    ]


def test_venue_scope_and_count_only(extract):
    assert stats(extract("17个项目在主会场现场签约。")) == [("签约", "主会场", None, 17, None)]
    assert stats(extract("总投资73.8亿元的12个重点项目在猇亭区开工。")) == [("开工", "猇亭区", None, 12, (7380000000, "CNY"))]


def test_wan_yuan_and_yi_dollar_amounts(extract):
    text = "全市签约项目12个，总投资3.5亿美元；开工项目8个，总投资8600万元。"
    assert stats(extract(text)) == [
        ("签约", "全市", None, 12, (350000000, "USD")),
        ("开工", "全市", None, 8, (86000000, "CNY")),
    ]


def test_chinese_numeral_count_and_place_scope(extract):
    text = "宣布全省第五期“三个一批”活动郑州市一百零四个重大项目集中开工。"
    assert stats(extract(text)) == [("开工", "郑州市", None, 104, None)]


def test_breakdown_segments_take_the_batch_category_and_scope(extract):
    text = "本期全市“开工一批”项目44个、总投资456亿元，其中，产业转型发展类型项目35个，10亿元以上项目7个。"
    assert stats(extract(text)) == [
        ("开工", "全市", None, 44, (45600000000, "CNY")),
        ("开工", "全市", "产业转型发展类型项目", 35, None),
        ("开工", "全市", "10亿元以上项目", 7, None),
    ]


def test_amount_before_the_count_and_a_contract_amount(extract):
    text = "8日上午，全市重大项目集中开工。总投资432.7亿元的87个亿元以上重大项目同步开工；35个招商引资项目现场签约，合同引资额达569.35亿元。"
    assert stats(extract(text, published="2021-01-09")) == [
        ("开工", "全市", None, 87, (43270000000, "CNY")),
        ("签约", "全市", None, 35, (56935000000, "CNY")),
    ]


def test_annual_investment_is_not_the_total(extract):
    text = "信阳市“签约一批”项目49个，总投资234亿元，年度计划投资160.5亿元；“投产一批”项目1个（全省共4个），总投资11亿元。"
    assert stats(extract(text)) == [
        ("签约", "信阳市", None, 49, (23400000000, "CNY")),
        ("投产", "信阳市", None, 1, (1100000000, "CNY")),
        ("投产", "全省", None, 4, None),
    ]
    assert stats(extract("全市共计集中开工重点产业项目116项，计划总投资902.7亿元，年度投资311.8亿元。")) == [
        ("开工", "全市", None, 116, (90270000000, "CNY"))
    ]


def test_one_figure_covering_several_categories_has_no_category(extract):
    text = "本次活动全省签约、开工、投产项目共2354个，总投资1.2万亿元。"
    assert stats(extract(text)) == [(None, "全省", None, 2354, (1200000000000, "CNY"))]


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


def test_traditional_characters(extract):
    text = "據統計，全省集中簽約項目340個，總投資2844億元。"
    assert stats(extract(text)) == [("签约", "全省", None, 340, (284400000000, "CNY"))]


def test_signing_amount_keys_and_a_foreign_currency_breakdown(extract):
    text = "活动现场集中签约项目85个，签约金额632亿元，其中外资项目12个，签约金额5.6亿美元。"
    assert stats(extract(text)) == [
        ("签约", None, None, 85, (63200000000, "CNY")),
        ("签约", None, "外资项目", 12, (560000000, "USD")),
    ]


def test_a_venue_keeps_its_place_and_foreign_contract_amounts(extract):
    text = "此次全区集中开工重大项目836个，总投资2236亿元。其中，南宁市主会场集中开工项目56个，总投资286亿元。"
    assert stats(extract(text)) == [
        ("开工", "全区", None, 836, (223600000000, "CNY")),
        ("开工", "南宁市主会场", None, 56, (28600000000, "CNY")),
    ]
    text = "本次集中签约项目128个，签约总金额达1560亿元，其中外资项目15个，合同外资额3.2亿美元。"
    assert stats(extract(text)) == [
        ("签约", None, None, 128, (156000000000, "CNY")),
        ("签约", None, "外资项目", 15, (320000000, "USD")),
    ]


def test_count_introduced_by_a_total_word(extract):
    assert stats(extract("全市集中开工项目总数为87个，总投资543亿元。")) == [("开工", "全市", None, 87, (54300000000, "CNY"))]


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
