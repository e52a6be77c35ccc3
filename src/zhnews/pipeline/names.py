"""Where a Chinese personal name ends: surname gazetteer + given name, boundary by context.

jieba may glue a name to the next character (王凯作工作部署). A name here is a
surname (compound first: 欧阳) plus one or two given characters, or a minority
name joined by middle dots (艾尔肯·吐尼亚孜). Between a two- and a
three-character reading, the one followed by a boundary (a delimiter or a word
that typically follows a name: 出席, 作, 在, 等 ...) wins; when both or neither
are, the document decides: the reading that also stands alone elsewhere.
A reading that is a piece of a title (区委副 + 书记, 镇党委: 区 and 党 are surnames) or a word
that follows names (强调) is none.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from zhnews import lexicon
from zhnews.segmentation.dictionary import word_tags
from zhnews.text.scan import is_han, positions


class _Follow(NamedTuple):
    pattern: re.Pattern[str]  # the follow words, longest first
    glue: frozenset[str]


@lexicon.compiled
def follow_words(lex: lexicon.Lexicon) -> _Follow:
    """The words that may follow a name (``data/names.toml``), compiled once per lexicon."""
    data = lex.toml("names.toml")
    return _Follow(re.compile("|".join(sorted(map(re.escape, data["follow_words"]), key=len, reverse=True))),
                   frozenset(data["glue"]))


_MAX_DOTTED_PART = 8
_DOTTED = re.compile(rf"[\u4e00-\u9fff]{{1,{_MAX_DOTTED_PART}}}(?:·[\u4e00-\u9fff]{{1,{_MAX_DOTTED_PART}}}){{1,3}}")
EVIDENCE_WINDOW = 4000  # how far a name's other mentions are looked for (keeps long documents linear)
_NAME_TAGS = frozenset({None, "nr", "nrt", "nrfg"})  # jieba's tag of a name's first two characters, if any
_DELIMITERS = frozenset(",.;:!?()\"'“”、。，；：！？（）《》\n \t")


def jieba_tags() -> dict[str, str]:
    """jieba's word -> part-of-speech dictionary (nr marks a person's name), from our own copy of it."""
    return word_tags()


@lru_cache(maxsize=1)
def nr_openings() -> frozenset[str]:
    """The first two characters of every two- to four-character word jieba tags nr."""
    return frozenset(word[:2] for word, tag in jieba_tags().items() if tag == "nr" and 2 <= len(word) <= 4)


def at_boundary(text: str, pos: int) -> bool:
    """True when a name may end at ``pos``: end of text, a delimiter or a follow word."""
    return pos >= len(text) or text[pos] in _DELIMITERS or follow_words().pattern.match(text, pos) is not None


class NameFinder:
    """Find name boundaries in one document (caches per-document evidence)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = lexicon.load()
        self.tags = jieba_tags()
        self.nr_openings = nr_openings()
        self._follow, self._glue = follow_words()
        self._standalone_counts: dict[tuple[str, int], int] = {}

    def _standalone(self, name: str, around: int) -> int:
        """How often ``name`` occurs followed by a boundary within ``EVIDENCE_WINDOW`` of ``around`` (cached)."""
        key = (name, around)
        count = self._standalone_counts.get(key)
        if count is None:
            count = self._standalone_counts[key] = self._count_standalone(name, around)
        return count

    def _count_standalone(self, name: str, around: int) -> int:
        """The uncached count behind ``_standalone``."""
        start = max(0, around - EVIDENCE_WINDOW)
        stop = min(len(self.text), around + EVIDENCE_WINDOW)
        return sum(at_boundary(self.text, pos + len(name)) for pos in positions(self.text, name, start, stop))

    def may_start_name(self, pos: int) -> bool:
        """False when no name can start at ``pos`` (``name_at`` and ``looks_like_name`` would both
        say no): no middle dot close after it, no surname and no opening of a jieba ``nr`` word."""
        text = self.text
        return self.lex.is_surname_at(text, pos) > 0 or text[pos : pos + 2] in self.nr_openings or self._dot_ahead(pos)

    def _dot_ahead(self, pos: int) -> bool:
        """True when the middle dot that ends a dotted name's first part (艾尔肯·) follows ``pos``."""
        return self.text.find("·", pos + 1, pos + _MAX_DOTTED_PART + 1) >= 0

    def name_at(self, pos: int, limit: int | None = None, titled: bool = False) -> tuple[int, int] | None:
        """The name starting at ``pos`` as (start, end), or None when no name starts there.

        ``titled``: a title ends at ``pos`` (市委书记 + name), so a name is expected there: when no
        reading ends at a boundary, a four-character one that does (巴图吉雅等) or, with a surname,
        the three-character reading (惠进才 + 当场…) is taken, and a name whose surname the gazetteer
        lacks may be read by its boundary alone (尼玛扎西主持).
        """
        found = self._name_at(pos, limit)
        if found is None and titled:
            found = self._titled_name(pos, len(self.text) if limit is None else min(limit, len(self.text)))
        if found is not None and self.reads_as_title(*found):
            return None
        return found

    def reads_as_title(self, start: int, end: int) -> bool:
        """True when text[start:end] is a piece of a title, not a name: the title grammar reads on
        from ``start`` to ``end`` or past it (区委副 + 书记, 市委常 + 委), the piece is made of a
        level, a body and a post's first characters (镇党委, 党委副, 常务副), or it is a word that
        follows names (强调, 高度)."""
        title = self.lex.title_pattern.match(self.text, start)
        if title is not None and title.end() >= end:
            return True
        follow = self._follow.match(self.text, start, end)
        if follow is not None and follow.end() == end and end - start >= 2:
            return True  # 区委书记 + 强调: a word that follows a name is none (强 is a surname)
        return self.lex.title_piece_pattern.fullmatch(self.text, start, end) is not None

    def _titled_name(self, pos: int, stop: int) -> tuple[int, int] | None:
        """The reading of a name right after a title, where ``_name_at`` found none (see ``name_at``)."""
        text = self.text
        if pos >= stop:
            return None
        surname = self.lex.is_surname_at(text, pos)
        if self._follow.match(text, pos) or text[pos] in self._glue:
            return None  # 市长在…, 市长曾多次…: no name here
        if self.tags.get(text[pos : pos + 2]) not in _NAME_TAGS:
            return None  # a word of the dictionary opens here (主持会议, 出席活动)
        lengths = (surname + 3,) if surname else (3, 2, 4)
        for length in lengths:
            end = pos + length
            if (end <= stop and all(is_han(c) for c in text[pos:end]) and at_boundary(text, end)
                    and not any(self._follow.match(text, i) for i in range(pos + 2, end))):
                return pos, end
        long = pos + surname + 2
        if surname and long <= stop and all(is_han(c) for c in text[pos:long]):
            return pos, long
        return None

    def _name_at(self, pos: int, limit: int | None = None) -> tuple[int, int] | None:
        """``name_at`` without a title before it."""
        text = self.text
        stop = len(text) if limit is None else min(limit, len(text))
        dotted = _DOTTED.match(text, pos, stop) if self._dot_ahead(pos) else None
        if dotted:
            if self.lex.post_word_pattern.search(text, pos, text.find("·", pos)):
                return None  # 政协主席古丽努尔·…: a post opens the first part, the name starts after it
            return pos, self._trim_dotted(pos, dotted.end())
        surname = self.lex.is_surname_at(text, pos)
        if not surname:
            return self._tagged_name(pos, stop)
        short, long = pos + surname + 1, pos + surname + 2
        if short > stop or not all(is_han(c) for c in text[pos:short]):
            return None
        if long > stop or not is_han(text[long - 1]) or text[long - 1] in _DELIMITERS:
            return pos, short
        short_ok, long_ok = at_boundary(text, short), at_boundary(text, long)
        if long_ok and self.tags.get(text[pos + surname : long]) == "m":
            long_ok = False  # 曾 + 多次: a numeral is no given name
        if not (short_ok or long_ok):
            return None  # 总书记关于湖南…: no name ends here
        if short_ok != long_ok:
            return pos, short if short_ok else long
        if text[short] in self._glue:
            return pos, short
        window = pos // EVIDENCE_WINDOW * EVIDENCE_WINDOW  # cache key: the same window for nearby mentions
        if self._standalone(text[pos:short], window) > self._standalone(text[pos:long], window):
            return pos, short
        return pos, long

    def _tagged_name(self, pos: int, stop: int) -> tuple[int, int] | None:
        """A name jieba's dictionary tags as a person (nr), for surnames the gazetteer lacks."""
        if self.text[pos : pos + 2] not in self.nr_openings:
            return None  # one lookup rules out most positions
        for length in (3, 2, 4):
            end = pos + length
            if end <= stop and self.tags.get(self.text[pos:end]) == "nr" and at_boundary(self.text, end):
                return pos, end
        return None

    def _trim_dotted(self, start: int, end: int) -> int:
        """Cut a dotted name before a follow word glued to its last part: the first word of two or more
        characters or one-character glue (在, 等 …) there, else the first follow word (帕尔哈提·艾则孜主持:
        则 is a transliteration's character, 主持 ends the name)."""
        last_dot = self.text.rfind("·", start, end)
        single = None
        for i in range(last_dot + 2, end):
            follow = self._follow.match(self.text, i)
            if follow is None:
                continue
            if follow.end() - i >= 2 or self.text[i] in self._glue:
                return i
            if single is None:
                single = i
        return end if single is None else single

    def looks_like_name(self, start: int, end: int) -> bool:
        """True when text[start:end] reads as a whole name (surname + 1-2 chars, or dotted)."""
        if not 2 <= end - start <= 4 and self.text.find("·", start, end) < 0:
            return False  # two to four characters or dotted; checked first, as most candidates fail it
        piece = self.text[start:end]
        if "·" in piece:
            return _DOTTED.fullmatch(piece) is not None
        surname = self.lex.is_surname_at(self.text, start)
        if not surname:
            return self.tags.get(piece) == "nr" and not self.reads_as_title(start, end)
        return 1 <= len(piece) - surname <= 2 and all(is_han(c) for c in piece) and not self.reads_as_title(start, end)
