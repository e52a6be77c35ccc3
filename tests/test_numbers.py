"""Counts and amounts are exact: Decimal, Chinese numerals through cn2an."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.numbers import AMOUNT_PATTERN, amount_from_match, parse_count


@pytest.mark.parametrize(
    ("written", "amount", "currency"),
    [
        ("2844亿元", Decimal("284400000000"), "CNY"),
        ("625.385亿元", Decimal("62538500000"), "CNY"),
        ("8600万元", Decimal("86000000"), "CNY"),
        ("5亿美元", Decimal("500000000"), "USD"),
        ("1.2万亿元", Decimal("1200000000000"), "CNY"),
        ("二十五亿元", Decimal("2500000000"), "CNY"),
    ],
)
def test_amounts(written, amount, currency):
    parsed = amount_from_match(AMOUNT_PATTERN.fullmatch(written))
    assert parsed == (amount, currency)
    assert isinstance(parsed[0], Decimal)


@pytest.mark.parametrize(("written", "value"), [("340", 340), ("一百零四", 104), ("十七", 17), ("两", 2)])
def test_counts(written, value):
    assert parse_count(written) == value


def test_an_approximate_amount_keeps_its_number():
    assert amount_from_match(AMOUNT_PATTERN.search("总投资1000多亿元")) == (Decimal("100000000000"), "CNY")
