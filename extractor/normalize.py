"""Normalise a report for matching while keeping a map back to the original text.

What the genre throws at a matcher is folded away: typesetting spaces inside
names (李 铮 -> 李铮), stray spaces (开 工), full-width ASCII (，１２ -> ,12),
traditional characters (for matching only) and zero-width characters. The
normalised text is what the pipeline reads; ``Normalized.to_original`` maps
any span of it back to the input, so every value can show its evidence.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extractor import lexicon

# Horizontal white space, zero-width characters and carriage returns.
_GAP = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000\u202f\u205f]+|[\u200b-\u200d\u2060\ufeff\r]+")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\r")
_DOTS = {ord(c): "·" for c in "•‧・･∙⋅"}


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """One-to-one character substitutions: full-width -> ASCII, traditional -> simplified."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = unicodedata.normalize("NFKC", chr(code))
    table[0x3000] = " "
    table.update(_DOTS)
    table.update(lexicon.load().t2s)
    return table


def _keeps_word_apart(left: str, right: str) -> bool:
    """True when a single space between these characters separates words (Latin text)."""
    return (left.isascii() and left.isalpha()) and (right.isascii() and right.isalpha())


@dataclass(frozen=True)
class Normalized:
    """A normalised text and, for each of its characters, the original index."""

    text: str
    original: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is the end of the source
    gaps: frozenset[int]  # normalised indices where white space was removed before the char

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span [start, end) to the original [start, end)."""
        if end <= start:
            point = self.offsets[start]
            return point, point
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_value(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        """The original text of a span with white space removed, and its original span."""
        o_start, o_end = self.to_original(start, end)
        value = self.original[o_start:o_end]
        if o_end - o_start != end - start or " " in self.text[start:end]:
            value = remove_spaces(value)  # white space was removed or folded inside the span
        return value, (o_start, o_end)


def remove_spaces(value: str) -> str:
    """Drop typesetting white space from an extracted value (李 铮 -> 李铮)."""
    return _GAP.sub("", value)


def normalize(text: str, base: int = 0, end: int | None = None) -> Normalized:
    """Normalise ``text[base:end]``; offsets point into the whole ``text``."""
    stop = len(text) if end is None else end
    mapped = text[base:stop].translate(_char_table())
    pieces: list[str] = []
    offsets: list[int] = []
    gaps: set[int] = set()
    cursor = 0
    for match in _GAP.finditer(mapped):
        g_start, g_end = match.span()
        pieces.append(mapped[cursor:g_start])
        offsets.extend(range(base + cursor, base + g_start))
        cursor = g_end
        gap = match.group()
        if gap[0] in _ZERO_WIDTH:
            continue
        left = mapped[g_start - 1] if g_start else "\n"
        right = mapped[g_end] if g_end < len(mapped) else "\n"
        at_line_edge = left == "\n" or right == "\n"
        if len(gap) == 1 and not at_line_edge and not _keeps_word_apart(left, right):
            gaps.add(len(offsets))
            continue
        if at_line_edge:
            continue  # indentation and trailing blanks carry nothing
        pieces.append(" ")
        offsets.append(base + g_start)
    pieces.append(mapped[cursor:])
    offsets.extend(range(base + cursor, base + len(mapped)))
    offsets.append(stop)
    return Normalized("".join(pieces), text, tuple(offsets), frozenset(gaps))
