"""Counts and amounts are exact: Decimal, Chinese numerals through cn2an."""
from __future__ import annotations

from decimal import Decimal

import pytest

from zhnews.text.numbers import amount_from_match, money, parse_count


@pytest.mark.parametrize(
    ("written", "amount", "currency"),
    [
        ("2844亿元", Decimal("284400000000"), "CNY"),
        ("625.385亿元", Decimal("62538500000"), "CNY"),
        ("8600万元", Decimal("86000000"), "CNY"),
        ("5亿美元", Decimal("500000000"), "USD"),
        ("1.2万亿元", Decimal("1200000000000"), "CNY"),
        ("二十五亿元", Decimal("2500000000"), "CNY"),
        ("12,345万元", Decimal("123450000"), "CNY"),
        ("1,234,567元", Decimal("1234567"), "CNY"),
        ("120多亿元", Decimal("12000000000"), "CNY"),
        ("8亿港元", Decimal("800000000"), "HKD"),
        ("三点五亿元", Decimal("350000000"), "CNY"),
    ],
)
def test_amounts(written, amount, currency):
    parsed = amount_from_match(money().pattern.fullmatch(written), money())
    assert parsed == (amount, currency)
    assert isinstance(parsed[0], Decimal)


@pytest.mark.parametrize(("written", "value"), [("340", 340), ("一百零四", 104), ("十七", 17), ("两", 2),
                                               ("1,235", 1235), ("10,536", 10536)])
def test_counts(written, value):
    assert parse_count(written) == value


def test_an_approximate_amount_keeps_its_number():
    assert amount_from_match(money().pattern.search("总投资1000多亿元"), money()) == (Decimal("100000000000"), "CNY")


def test_count_matches_are_the_count_pattern_matches():
    import random

    from conftest import CORPUS

    from zhnews.text.numbers import COUNT_PATTERN, count_matches

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += ["第3个项目。共12项，其中三十个。一二三四五六七八九十百千万个", "个项。5个", "٣个。１２个",
              "1234567890个", "一二三四五六七八九十百千万亿个", "3十个", "12个个项5项", "99个项目",
              "1,235个项目,2,480个", "9,2个", "1234,567个", "12,3456个", ",,5个", "1,234,567个", "1,2,345项"]
    rng = random.Random(3)
    for text in texts:
        for pos, endpos in [(0, None), *((a, a + rng.randint(0, 60)) for a in (rng.randint(0, len(text)) for _ in range(20)))]:
            stop = len(text) if endpos is None else min(endpos, len(text))
            expected = [m.span() for m in COUNT_PATTERN.finditer(text, pos, stop)]
            assert [m.span() for m in count_matches(text, pos, stop)] == expected, (text[:20], pos, stop)


def test_counts_with_thousands_separators():
    from zhnews.text.numbers import count_matches

    text = "签约项目1,235个，开工项目12,480个，另有9个,3个与1,2个"
    assert [m.group("num") for m in count_matches(text)] == ["1,235", "12,480", "9", "3", "2"]


def test_the_money_units_come_from_the_lexicon_in_use():
    """A lexicon laid over the package's (``initialize(lexicon=DIR)``) may add a currency: the amount pattern
    and the units it reads are built from the lexicon in use."""
    from zhnews import lexicon

    files = dict(lexicon.Lexicon.from_package().files)
    files["money.toml"] += '"卢布" = "RUB"\n'  # the [currencies] table is the file's last
    assert "卢布" not in money().currencies
    with lexicon.active(lexicon.Lexicon.shared(files)):
        match = money().pattern.search("投资5亿卢布")
        assert amount_from_match(match, money()) == (Decimal("500000000"), "RUB")
    assert "卢布" not in money().currencies
