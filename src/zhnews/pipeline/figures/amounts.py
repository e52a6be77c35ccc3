"""Investment amounts: the total a figure gives (总投资…, 签约金额为…, 合同引资额合计…).

An amount counts as a batch's total only after an investment key (``categories.toml``)
that no blocker qualifies (年度计划投资, 今年计划完成投资, 平均投资 …), not inside
parentheses (one project's own amount), not as a threshold or range bound (10亿元以上,
5亿元至10亿元) and not before 的 (that amount belongs to the phrase after it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from zhnews.pipeline.figures.words import Words, ends_with_any
from zhnews.pipeline.hits import AmountHit, Hit
from zhnews.text.numbers import CN_DIGITS, amount_from_match

_BAND = re.compile(
    rf"(?:[亿万]?(?:美元|元)(?:及以上|以上|以下))|(?:[\d{CN_DIGITS}][亿万]?(?:美元|元)?(?:至|—|-|到|~|～)[\d{CN_DIGITS}])"
)
_BEFORE_REACH = 48  # characters an amount written before its projects may take (总投资432.7亿元的)


@dataclass(frozen=True, slots=True)
class Amount:
    """An investment amount and how it is written."""

    hit: AmountHit
    key: str
    completed: bool  # 完成投资…: a total only for finished projects
    approximate: bool  # 约 / 超 / 多 …: the figure is not exact


def _parse(match: re.Match[str], key: str, qualifier: str, words: Words, start: int) -> Amount | None:
    inner = words.money.pattern.fullmatch(match.group("amount"))
    parsed = amount_from_match(inner, words.money) if inner else None
    if parsed is None:
        return None
    evidence = Hit(match.group("amount"), start, start + len(match.group("amount")))
    written = qualifier + match.group("amount")
    approximate = any(w in written for w in words.approximate_words)
    return Amount(AmountHit(parsed[0], parsed[1], evidence), key, key in words.completed_keys, approximate)


def inside_parentheses(text: str, floor: int, pos: int) -> bool:
    """True when an opening parenthesis between ``floor`` and ``pos`` is still open at ``pos``."""
    return text.rfind("(", floor, pos) > text.rfind(")", floor, pos)


class AmountReader:
    """Reads the investment amounts of a stretch of text."""

    def __init__(self, words: Words) -> None:
        self.words = words

    def after(self, text: str, start: int, limit: int) -> list[Amount]:
        """The investment amounts in ``text[start:limit]``, in order, that may be a batch's total."""
        found = []
        for match in self.words.key_amount.finditer(text, start, limit):
            key_start = match.start("key")
            if ends_with_any(text, self.words.key_blockers, max(0, key_start - 6), key_start):
                continue
            if inside_parentheses(text, start, key_start):
                continue
            end = match.end("amount")
            if text.startswith("的", end) or text.startswith(self.words.amount_thresholds, end):
                continue  # 总投资10亿元以上, 5亿元至10亿元: a threshold; …亿元的: the next phrase's
            amount = _parse(match, match.group("key"), match.group("qual"), self.words, match.start("amount"))
            if amount is not None:
                found.append(amount)
        return found

    def before(self, text: str, pos: int, floor: int) -> tuple[Amount | None, bool, int]:
        """The amount written before a phrase or count at ``pos`` (总投资432.7亿元的87个…).

        Returns (amount, band, start): ``band`` is True when the amount is a size band's
        threshold (投资超过10亿元的项目: part of the segment, not the total); ``start`` is
        where the amount's key starts (``pos`` when there is none).
        """
        if pos < 1 or text[pos - 1] != "的":
            return None, False, pos
        match = self.words.key_amount_before.search(text, max(floor, pos - _BEFORE_REACH), pos)
        if match is None:
            return None, False, pos
        key_start = match.start("key")
        qualifier = match.group("qual")
        band = bool(match.group("tail")) or any(qualifier.startswith(q) or qualifier.endswith(q)
                                                for q in self.words.band_qualifiers)
        if band or ends_with_any(text, self.words.key_blockers, max(0, key_start - 6), key_start):
            return None, band, key_start
        amount = _parse(match, match.group("key"), qualifier, self.words, match.start("amount"))
        return amount, False, key_start

    @staticmethod
    def band_in(text: str, start: int, end: int) -> bool:
        """True when ``text[start:end]`` names a size band (10亿元以上项目, 5亿—10亿元项目)."""
        return _BAND.search(text, start, end) is not None
