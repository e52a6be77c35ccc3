"""Counts and money amounts written in digits or Chinese numerals, as exact integers/Decimals.

Digits may carry thousands separators (1,235个, 12,345万元: the normaliser turns a
full-width comma into ``,``); Chinese numerals go through cn2an (一百零四, 三点五).
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import cn2an

from zhnews import lexicon
from zhnews.text.scan import positions

CN_DIGITS = "零〇一二两三四五六七八九十百千万"
_MAX_CN_NUMERALS = 12
_MAX_COUNT_DIGITS = 9
_CN_NUMBER = f"[{CN_DIGITS}]{{1,{_MAX_CN_NUMERALS}}}"
_GROUPED = r"\d{1,3}(?:,\d{3}){1,4}"  # 12,345 (a separator every three digits)
NUMBER = rf"(?:(?:{_GROUPED}|\d{{1,15}})(?:\.\d{{1,8}})?|{_CN_NUMBER}(?:点[{CN_DIGITS}]{{1,8}})?)"

COUNT_PATTERN = re.compile(
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}}){{1,2}}|\d{{1,{_MAX_COUNT_DIGITS}}}|{_CN_NUMBER})(?P<unit>个|项)"
)
_CN_SET = frozenset(CN_DIGITS)
_MAX_DIGIT_RUN = _MAX_COUNT_DIGITS + 2  # digits and up to two separators


def _digit_or_separator(char: str) -> bool:
    return char.isdecimal() or char == ","


def count_matches(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``COUNT_PATTERN.finditer(text, pos, endpos)``, found from the units 个/项.

    Each unit is found with ``str.find`` (a fast scan); the run of numerals before it is
    walked back (bounded), and the pattern is tried from the run's first position on, as
    the engine's own scan would (a digit run may hold separators: 1,235个).
    """
    stop = len(text) if endpos is None else endpos
    floor = pos  # no match may start before pos, nor inside the previous match
    for end in heapq.merge(positions(text, "个", pos + 1, stop), positions(text, "项", pos + 1, stop)):
        last = text[end - 1]
        if last.isdecimal():
            in_run, longest = _digit_or_separator, _MAX_DIGIT_RUN
        elif last in _CN_SET:
            in_run, longest = _CN_SET.__contains__, _MAX_CN_NUMERALS
        else:
            continue
        start = end - 1
        while start > max(floor, end - longest) and in_run(text[start - 1]):
            start -= 1
        if start < floor:
            continue
        for first in range(start, end):
            match = COUNT_PATTERN.match(text, first, stop)
            if match is not None:
                floor = match.end()
                yield match
                break


@dataclass(frozen=True)
class MoneyUnits:
    """The money units of a lexicon (``lexicon/data/money.toml``) and the amount pattern built from them."""

    pattern: re.Pattern[str]  # number, multiplier, currency: 2844亿元, 12,345万元, 1.2万亿元
    multipliers: dict[str | None, int]  # None (no multiplier word) -> 1
    currencies: dict[str, str]  # currency word -> ISO 4217 code


def _alternation(words: Iterable[str]) -> str:
    """An alternation of ``words``, longer first (万亿 before 亿)."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lexicon.compiled
def money(lex: lexicon.Lexicon) -> MoneyUnits:
    """The money units of the lexicon in use, compiled once per lexicon."""
    pattern = re.compile(
        rf"(?P<num>{NUMBER})(?:多|余)?(?P<mult>{_alternation(lex.money_multipliers)})?"
        rf"(?P<cur>{_alternation(lex.currencies)})"
    )
    return MoneyUnits(pattern, {None: 1, **lex.money_multipliers}, lex.currencies)


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Decimal:
    """A number in digits (625.385, 12,345) or Chinese numerals (一百零四, 三点五) as a Decimal."""
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    whole, _, fraction = text.partition("点")
    value = Decimal(int(cn2an.cn2an(whole, "smart"))) if whole else Decimal(0)
    if fraction:
        digits = "".join(str(int(cn2an.cn2an(ch, "smart"))) for ch in fraction)
        value += Decimal(f"0.{digits}")
    return value


@lru_cache(maxsize=8192)
def parse_count(text: str) -> int | None:
    """A count such as 340, 1,235 or 一百零四, or None when the numerals do not form a number."""
    try:
        value = parse_number(text)
    except (ValueError, KeyError, ArithmeticError):
        return None
    return int(value) if value == value.to_integral_value() else None


def amount_from_match(match: re.Match[str], units: MoneyUnits) -> tuple[Decimal, str] | None:
    """(amount in whole currency units, ISO currency) for a match of ``units.pattern``."""
    try:
        number = parse_number(match.group("num"))
    except (ValueError, KeyError, ArithmeticError):
        return None
    amount = number * units.multipliers[match.group("mult")]
    return amount, units.currencies[match.group("cur")]
