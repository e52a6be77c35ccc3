"""Organisations: companies, banks, universities, institutes and other non-government bodies.

Two ways a name is known to be an organisation's:
- by its ending (有限公司, 集团, 研究所, 大学, 银行, 分行, 商会 ... in ``data/org_suffixes.txt``),
  wherever it stands, also inside a project's name (某某集团新能源产业园);
- by its context, when it has no such ending: an investor (X投资建设的), a company's officer
  (X董事长), a company called so (美国企业X代表, X等多家…企业, A、B、C等龙头企业), a signing
  party (与X签约), a brand with an industry word whose phase, output or signing follows
  (恒达科技…项目签约, 华鑫新材料年产…, ``data/org_industry.toml``).
Its left edge is found word by word (the segmenter's words): back to a delimiter, a function
word (由 与 和 在 的 …, by jieba's part of speech; a numeral only when it counts: 35家, not
十一化建) or a verb that opens a name from the outside (来到 携手 引进 …,
``data/org_left_stops.txt``); then, whatever the segmenter did, it is cut after the last verb
of the event in it (举行 开工 签约 …, ``data/org_event_verbs.txt``) or word calling it a company
(龙头企业), after a count or a date, and after a clause's verb that opens what still reads as a
name (投资 + 华为公司, ``data/org_edge_verbs.txt``). Government bodies (政府, 管委会, 人民银行 …)
and generic words (跨国公司, 外国商协会) are not listed, and a short form of a listed name
(邮储银行… for 中国邮政储蓄银行…) is not listed again.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from zhnews import lexicon
from zhnews.evaluate import norm_name
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, set_ext, text_of
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.names import jieba_tags
from zhnews.pipeline.spans import token_boundaries
from zhnews.text.scan import is_han, last_match

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_MAX_NAME = 30
_SHORT_FORM_WINDOW = 100  # distinct names on either side among which a short form's full name is sought
_MAX_CONTEXT_NAME = 10  # a name known by its context alone is short (晶科能源, 埃克森美孚)
# Parts of speech (jieba) of words that never stand inside a name: prepositions, conjunctions,
# adverbs, pronouns, particles, numerals, measure words, interjections.
_STOP_TAGS = frozenset({"p", "c", "d", "r", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o", "m", "mq", "q",
                        "zg"})
_LOCATIVE_VERB_ENDS = ("在", "于")
_JOINING = frozenset({"与", "和", "及"})
_COMMON_NOUN = frozenset({"n", "vn"})
_NOUN = _COMMON_NOUN | {"nt", "nz"}
_PLAIN = _COMMON_NOUN | {"v", "a", "an", "vd", "ad"}  # words of no proper name
# Characters of function words; an unknown word made only of them (还同, 也与) is a stop too.
_FUNCTION_CHARS = frozenset("还也又并已都同与和及跟由向在对把被将为从给让即既亦均仍再就才等的了")
_GENERIC_FIRST = frozenset("该本各这那其一多两几子分母总贵我你他")  # 该公司, 其子公司, 我公司
# Measure words and date units: a numeral before one is a count or a date (35家, 一批, 2023年), not a
# name's part (十一化建公司, 中铁十一局, 十九冶).
_MEASURES = frozenset("家个批项所座位名户台套条只种类件栋期年月日号余多")


class _Context(NamedTuple):
    event_marks: tuple[str, ...]  # 全省, 季度 ...: a name holding one is an event's
    appositive: re.Pattern[str]  # 企业, 央企 ...: what calls the name after it a company


@lexicon.compiled
def _context(lex: lexicon.Lexicon) -> _Context:
    """The words of ``data/organizations.toml``, compiled once per lexicon."""
    data = lex.toml("organizations.toml")
    return _Context(tuple(data["event_marks"]), lexicon.word_pattern(data["appositives"]))
# A count or a date at a name's left edge (35家央企集团, 百余家, 2023年, 3月1日): cut off. A lone 百/千/万
# before 家 opens brands (万家…), so a Chinese count needs a digit word or 余/多.
_LEFT_COUNT = re.compile(
    r"(?:\d{1,6}(?:余|多)?[家个批项所座]|[一二两三四五六七八九十]{1,4}[百千万]?(?:余|多)?[家个批项所座]"
    r"|[百千万](?:余|多)[家个批项所座]|\d{2,4}年|\d{1,2}月|\d{1,2}[日号])"
)
# Context without a suffix: an investor, a company's officer, a signing party.
_INVESTOR = r"(?:投资建设|投资兴建|投资新建|投资打造|独资建设|出资建设)"
_OFFICER = r"(?:董事长|副董事长|总经理|副总经理|总裁|副总裁|首席执行官|创始人)"
_COMPANY_WORD = re.compile(r"(?:企业|公司)")
# The lookahead on every kind's first character: the named groups hide the alternation's first
# characters from the engine, which would otherwise try every kind at every position.
_CONTEXT = re.compile(
    "(?=[投独出董副总首创签等企公])"
    rf"(?:(?P<ending>{_INVESTOR}|{_OFFICER})|(?P<signing>签约|签署|签订)"
    r"|(?P<list>等[^\s,.;:!?，。；：！？、]{0,8}?(?:企业|公司))|(?P<company>企业|公司))"
)

MAX_SUFFIXES = 4  # 集团 + 股份 + 有限公司 ...: no name has more in a row


_BRAND_TAGS = frozenset({None, "nz", "nt", "nrt", "nrfg"})  # a word of a brand: unknown, or a proper name
_NOT_BRAND_TAGS = frozenset({"v", "vn", "vd", "ad", "d", "p", "c", "u", "uj", "ul", "r", "m", "mq", "q", "f", "t", "s"})
_PLAIN_OR_FUNCTION = _PLAIN | _NOT_BRAND_TAGS
_MAX_BRAND = 6  # the stem before an industry word (恒达, 华鑫, 某某)


@dataclass(frozen=True)
class _Industry:
    """The words of ``data/org_industry.toml`` as patterns."""

    word: re.Pattern[str]
    field: frozenset[str]
    context: re.Pattern[str]


@lexicon.compiled
def _industry(lex: lexicon.Lexicon) -> _Industry:
    data = lex.toml("org_industry.toml")
    not_after = lexicon.word_pattern(data["not_after"]).pattern
    acts = lexicon.word_pattern(data["acts"]).pattern
    stop = r"\s,.;:!?，。；：！？、“”()（）《》"
    context = (
        r"[一二三四五六七八九十\d]{1,2}期|年产"  # …酒业二期项目, …新材料年产10万吨…: the company's phase, output
        rf"|(?!{not_after})[^{stop}等]{{0,16}}?项目(?:{acts})"  # …科技智能制造项目签约: a party to the signing
        rf"|(?:计划|拟|将|预计|共|累计|正式|成功)?(?:{acts})"  # …科技投资, …能源拟投资, …能源签约
        rf"|与[^{stop}]{{2,20}}?(?:签约|签署|签订)"  # …电子与某县签约
    )
    return _Industry(lexicon.word_pattern(data["industry_words"]), frozenset(data["field_words"]), re.compile(context))


@lru_cache(maxsize=4)
def _suffix_run(suffix: str) -> re.Pattern[str]:
    """One to ``MAX_SUFFIXES`` organisation suffixes in a row (集团 + 有限公司).

    Written ``(?:s)(?:s){0,n}`` rather than ``(?:s){1,n}``: the same matches, but a
    pattern that opens with the alternation of literals lets the engine skip
    to the suffixes' first characters in C (4x faster over a document). The
    bound keeps every repetition of more than one character bounded.
    """
    return re.compile(f"(?:{suffix})(?:{suffix}){{0,{MAX_SUFFIXES - 1}}}")


@lru_cache(maxsize=1)
def _segmenter():
    from zhnews.segmentation.jieba_segmenter import JiebaSegmenter

    return JiebaSegmenter()


def _word_boundaries(doc: Doc, text: str) -> frozenset[int]:
    """Where the words of ``text`` start and end: the Doc's tokens when they are words (this
    package's jieba tokenizer, pkuseg), else, under a character tokenizer (spaCy's default for zh in a
    user's own pipeline), jieba's words, so a name's edges do not depend on the tokenizer."""
    if len(doc) * 10 < len(text) * 9:
        return token_boundaries(doc)
    bounds = set(accumulate(map(len, _segmenter().cut(text)), initial=0))
    return frozenset(bounds)


class _Words:
    """The segmenter's words of one document, looked up by their end."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.bounds_set = _word_boundaries(doc, text)
        self.bounds = sorted(self.bounds_set)
        self.tags = jieba_tags()
        lex = lexicon.load()
        self.stops = lex.org_left_stops
        self.places = lex.places
        self.event_verbs = lex.org_event_verb_pattern
        self.edge_verbs = lex.org_edge_verb_pattern

    def word_start(self, end: int) -> int:
        """Where the word that ends at the boundary ``end`` starts."""
        i = bisect.bisect_left(self.bounds, end) - 1
        return self.bounds[i] if i >= 0 else 0

    def is_stop(self, start: int, end: int) -> bool:
        """True when text[start:end] is a word that cannot stand inside a name."""
        word = self.text[start:end]
        if word in self.stops or word.endswith(_LOCATIVE_VERB_ENDS):
            return True  # 设在, 位于: a verb of place ends the name on its left
        tag = self.tags.get(word)
        if tag is None:
            return all(c in _FUNCTION_CHARS for c in word)
        if tag not in _STOP_TAGS or word.startswith("第"):  # 第二十七研究所: an ordinal stays
            return False
        if tag == "m" and word[-1] not in _MEASURES and self.text[end : end + 1] not in _MEASURES:
            return False  # a numeral that counts nothing is a name's (十一 + 化建公司, 中铁 + 十一 + 局)
        return word not in self.places  # jieba tags a few places as adverbs (大连)

    def common_words_only(self, start: int, end: int) -> bool:
        """True when text[start:end] is made of plain dictionary words (装备 + 制造), no proper name."""
        i = bisect.bisect_left(self.bounds, start)
        j = bisect.bisect_right(self.bounds, end)
        pieces = self.bounds[i:j]
        if not pieces or pieces[0] != start or pieces[-1] != end:
            return False
        return all(self.tags.get(self.text[a:b]) in _PLAIN for a, b in zip(pieces, pieces[1:], strict=False))

    def joins_nouns(self, start: int, end: int, name_end: int) -> bool:
        """True when the conjunction text[start:end] joins two plain nouns inside a name
        (科学 + 与 + 技术实验室): the name so far is one dictionary noun, and so is the word before."""
        if self.text[start:end] not in _JOINING or start not in self.bounds_set:
            return False
        i = bisect.bisect_right(self.bounds, end)
        after_end = self.bounds[i] if i < len(self.bounds) else None
        before_start = self.word_start(start)
        return (
            after_end == name_end
            and self.tags.get(self.text[end:name_end]) in _COMMON_NOUN
            and self.tags.get(self.text[before_start:start]) in _NOUN
            and self.text[before_start:start] not in self.stops  # 代表和X商会: a role word before it
        )

    def start_of_name(self, end: int, floor: int) -> int:
        """Where a name ending at ``end`` starts: back to a delimiter or past a stop word (checked
        once per word, at the word's end), never before ``floor``; then its left edge trimmed
        (``trim_left``) unless the search ran into ``floor``."""
        start = self._edge(end, floor)
        if start == floor and start > 0 and is_han(self.text[start - 1]):
            return start  # no edge found: the caller decides
        return self.trim_left(start, end)

    def trim_left(self, start: int, end: int) -> int:
        """Cut from a name's left edge what the word scan let in, whatever the segmenter did: up to the
        last verb of the event in it (开发区举行 + 隆基公司) or the last word calling it a company
        (龙头企业 + 通威集团), a count or a date (35家 + …, 2023年 + …), a clause's verb before what still
        reads as a name (投资 + 华为公司; not 建设 + 银行)."""
        text = self.text
        for _ in range(4):  # bounded: each pass cuts one piece
            event = last_match(self.event_verbs.finditer(text, start, end))
            if event is not None:
                start = event.end()
                continue
            kind = last_match(_context().appositive.finditer(text, start, end))
            if kind is not None and end - kind.end() >= 2 and not self.common_words_only(kind.end(), end):
                start = kind.end()  # 世界500强企业 + 隆基集团; not 某某企业 + 管理有限公司
                continue
            count = _LEFT_COUNT.match(text, start, end)
            if count is not None:
                start = count.end()
                continue
            edge = self.edge_verbs.match(text, start, end)
            if edge is not None and end - edge.end() >= 2 and not self.common_words_only(edge.end(), end):
                start = edge.end()
                continue
            break
        return start

    def _edge(self, end: int, floor: int) -> int:
        """The word scan of ``start_of_name``."""
        start = end
        depth = 0
        text = self.text
        while start > floor:
            char = text[start - 1]
            if char == ")":
                depth += 1
            elif char == "(":
                if depth == 0:
                    break
                depth -= 1
            elif not (is_han(char) or char.isalnum() or char in "·&"):
                break
            elif depth == 0 and start in self.bounds_set:
                word_start = self.word_start(start)
                if word_start >= floor and self.is_stop(word_start, start):
                    if not self.joins_nouns(word_start, start, end):
                        break
                elif (word_start >= floor and start - word_start >= 2 and text[word_start] in _FUNCTION_CHARS
                      and self.tags.get(text[word_start:start]) is None):
                    return word_start + 1  # 等商, 和智诺: an unknown word opened by a function word
            start -= 1
        return start


class OrganizationsLayer(Layer):
    """Find organisation names by their ending or their context."""

    name = "zhnews_organizations"
    field = "organizations"
    record_field = "organizations"
    order = 40
    reads = ("prepared",)
    span_keys = {"organizations": "zhnews_organizations"}
    default_config = {"min_stem_chars": 2}
    eval_fields = ("organizations",)
    tables = (Table("organizations", (
        Column("doc_id", "string"), Column("position", "int", "order of first mention, from 0"),
        Column("name", "string"),
    ), "companies and other non-government organisations"),)

    def _use(self, lex: lexicon.Lexicon) -> None:
        """Take the word lists of the lexicon in use (the component's own), once per lexicon."""
        if getattr(self, "lex", None) is lex:
            return
        self.lex = lex
        self.tags = jieba_tags()
        self.suffixes = _suffix_run(lex.org_suffix_pattern.pattern)
        self.generic = lex.org_generic
        self.generic_set = frozenset(lex.org_generic)
        self.generic_lengths = sorted({len(g) for g in lex.org_generic}, reverse=True)  # longest first
        self.government = lex.government_pattern

    def __call__(self, doc: Doc) -> Doc:
        self._use(lexicon.load())
        text = text_of(doc)
        words = _Words(doc, text)
        candidates = self._by_suffix(text, words) + self._by_context(text, words) + self._by_industry(text, words)
        found = _outermost(candidates)
        found = [h for h in found if not self._government(h.text)]
        found = _first_of_each(found)
        set_ext(doc, "zhnews_organizations", found)
        doc = self.put_spans(doc, "organizations", [(h.start, h.end, "ORG") for h in found])
        return doc

    def _government(self, name: str) -> bool:
        return self.government.search(name) is not None

    def _place(self, name: str) -> bool:
        """True when ``name`` is a place's (美国, 郑州市): a place names no company by itself."""
        return name in self.lex.places or self.tags.get(name) == "ns"

    def _person(self, name: str) -> bool:
        """True when ``name`` reads as a person's name: a surname and one or two characters, no
        dictionary word other than a name."""
        surname = self.lex.is_surname_at(name, 0)
        return bool(surname) and 1 <= len(name) - surname <= 2 and self.tags.get(name) in (None, "nr")

    def _stem_ok(self, stem: str) -> bool:
        """A stem that names something: long enough, not a generic word (跨国, 外国商)."""
        rest = stem
        for _ in range(3):  # strip generic words in front (外国 + 商): bounded
            length = next((n for n in self.generic_lengths if rest[:n] in self.generic_set), 0)
            if not length:
                break
            rest = rest[length:]
        return len(rest) >= self.min_stem_chars and rest not in self.generic_set and stem[:1] not in _GENERIC_FIRST

    def _by_suffix(self, text: str, words: _Words) -> list[Hit]:
        found = []
        for match in self.suffixes.finditer(text):
            if match.end() not in words.bounds_set:
                continue  # the suffix begins a longer word (大学生, 银行业, 集团化): no name ends here
            start = words.start_of_name(match.start(), max(0, match.start() - _MAX_NAME))
            stem = text[start : match.start()]
            if self._stem_ok(stem) and not any(mark in stem for mark in _context().event_marks):
                found.append(Hit(text[start : match.end()], start, match.end()))
        return found

    def _by_context(self, text: str, words: _Words) -> list[Hit]:
        """Names without a suffix that their context calls companies."""
        found = []
        for match in _CONTEXT.finditer(text):  # one scan for every kind of context
            kind = match.lastgroup
            if kind == "ending":  # X投资建设, X董事长
                found.extend(self._name_ending(text, words, match.start()))
            elif kind == "signing":  # 与X签约, 同X签署
                hit = self._name_ending(text, words, match.start())
                if hit and hit[0].start > 0 and text[hit[0].start - 1] in "与同和":
                    found.extend(hit)
            elif kind == "company":  # 美国企业X代表…
                found.extend(self._name_after_company_word(text, words, match.end()))
            else:  # A、B、C等行业龙头企业; X等多家企业
                found.extend(self._list_before(text, words, match.start()))
        return found

    def _by_industry(self, text: str, words: _Words) -> list[Hit]:
        """Names whose last word is an industry word (恒达科技, 华鑫新材料), where what follows makes them
        a company's: a project's name (…二期项目, …年产10万吨项目), investing, signing, settling."""
        industry = _industry()
        found = []
        pos = 0
        while True:
            match = industry.word.search(text, pos)
            if match is None:
                return found
            end = match.end()
            while (more := industry.word.match(text, end)) is not None:
                end = more.end()  # 新能源 + 科技
            pos = end
            if end not in words.bounds_set or match.start() not in words.bounds_set:
                continue  # 科技 inside a longer word (科技局, 电子化)
            if industry.context.match(text, end) is None:
                continue
            hit = self._brand(text, words, match.start(), end, industry.field)
            if hit is not None:
                found.append(hit)

    def _brand(self, text: str, words: _Words, stem_end: int, end: int, field: frozenset[str]) -> Hit | None:
        """The name ending in an industry word at text[stem_end:end], when its stem reads as a brand."""
        floor = max(0, stem_end - _MAX_BRAND)
        start = words.start_of_name(stem_end, floor)
        if start == floor and start > 0 and is_han(text[start - 1]):
            return None  # no edge within reach: the stem is no short brand
        stem = text[start:stem_end]
        if not 2 <= len(stem) <= _MAX_BRAND or not all(is_han(c) for c in stem) or not self._stem_ok(stem):
            return None
        if self._place(stem) or self._government(stem) or _COMPANY_WORD.search(stem):
            return None
        i = bisect.bisect_left(words.bounds, start)
        j = bisect.bisect_right(words.bounds, stem_end)
        pieces = [text[a:b] for a, b in zip(words.bounds[i:j], words.bounds[i + 1 : j], strict=False)]
        if any(piece in field or self.tags.get(piece) in _NOT_BRAND_TAGS for piece in pieces):
            return None  # a field (氢能科技), a verb or a function word (推进…科技): no brand
        if not any(self._brand_word(piece) for piece in pieces):
            return None  # only dictionary words (绿色能源, 海洋生物): no brand
        return Hit(text[start:end], start, end)

    def _brand_word(self, piece: str) -> bool:
        """True when ``piece`` may be a brand: a word the dictionary lacks or tags as an organisation,
        or one it tags as another proper name that does not split into plain words (大力 + 发展 does)."""
        tag = self.tags.get(piece)
        if tag not in _BRAND_TAGS or piece in self.lex.places:
            return False
        return tag is None or tag == "nt" or not self._plain_split(piece)

    def _plain_split(self, piece: str) -> bool:
        """True when ``piece`` splits wholly into shorter dictionary words of no proper name."""
        ends = {0}
        for end in range(1, len(piece) + 1):
            if any(start in ends and end - start < len(piece) and self.tags.get(piece[start:end]) in _PLAIN_OR_FUNCTION
                   for start in range(end)):
                ends.add(end)
        return len(piece) in ends

    def _name_ending(self, text: str, words: _Words, end: int) -> list[Hit]:
        """The name that ends at ``end`` (a word boundary), if its stem is one."""
        if end not in words.bounds_set:
            return []
        start = words.start_of_name(end, max(0, end - _MAX_CONTEXT_NAME))
        if start == max(0, end - _MAX_CONTEXT_NAME) and start > 0 and is_han(text[start - 1]):
            return []  # ran into the length limit: no name's edge was found
        name = text[start:end]
        if len(name) < 2 or not self._stem_ok(name) or _COMPANY_WORD.search(name) or self._government(name):
            return []
        if self._person(name) or self._place(name) or words.common_words_only(start, end):
            return []  # 王五董事长, 郑州投资建设, 项目总经理: a person, a place, plain words
        return [Hit(name, start, end)]

    def _name_after_company_word(self, text: str, words: _Words, pos: int) -> list[Hit]:
        """企业X代表 / 公司X负责人: the word after the word 企业 when a company's role follows it."""
        if pos not in words.bounds_set or words.word_start(pos) != pos - 2 or text[pos - 3 : pos - 2] == "等":
            return []  # 企业 must be a word of its own, not closing a list (…等企业的负责人)
        for length in range(2, 7):
            end = pos + length
            if end > len(text) or not is_han(text[end - 1]):
                return []
            if end in words.bounds_set and text.startswith(("代表", "负责人"), end):
                name = text[pos:end]
                if words.start_of_name(end, pos) == pos and self._stem_ok(name) and not self._government(name):
                    return [Hit(name, pos, end)]
        return []

    def _list_before(self, text: str, words: _Words, end: int) -> list[Hit]:
        """The items of a 、 list that ends at ``end`` (before 等…企业), each a company's name."""
        hits: list[Hit] = []
        for _ in range(30):  # bounded: a list of at most 30 items
            start = words.start_of_name(end, max(0, end - _MAX_CONTEXT_NAME))
            name = text[start:end]
            if not (2 <= len(name) <= _MAX_CONTEXT_NAME) or not self._stem_ok(name) or self._government(name):
                break
            if not (words.common_words_only(start, end) or self._place(name)):
                hits.append(Hit(name, start, end))  # else plain words (装备制造) or a place (德国)
            if start == 0 or text[start - 1] != "、":
                break
            end = start - 1
        return hits[::-1]

    @classmethod
    def to_record(cls, found: list[Hit], context: RecordContext) -> list[dict[str, Any]]:
        return [{"name": context.value(h), "span": context.span(h)} for h in found]

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        return [Mark(*o.span, "org", f"organisation {o.name}") for o in record.organizations]

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        return {"organizations": [{"doc_id": record["doc_id"], "position": i, "name": o["name"]}
                                  for i, o in enumerate(record.get("organizations") or [])]}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        return [(norm_name(x),) for x in record.get("organizations") or []]



def _outermost(candidates: list[Hit]) -> list[Hit]:
    """The candidates in text order, each dropped when a longer one contains it."""
    candidates.sort(key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    for hit in candidates:
        if kept and hit.start >= kept[-1].start and hit.end <= kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _abbreviates(short: str, full: str) -> bool:
    """True when ``short`` is ``full`` with some characters left out, none of its inner gaps
    longer than one (邮储银行 in 中国邮政储蓄银行; not 中国银行 in 中国农业发展银行)."""
    if len(short) >= len(full):
        return False
    pos = full.find(short[0])
    if pos < 0:
        return False
    for char in short[1:]:
        found = full.find(char, pos + 1, pos + 3)
        if found < 0:
            return False
        pos = found
    return True


def _first_of_each(found: list[Hit]) -> list[Hit]:
    """Each name once, and no short form of a name listed (a name within another, an abbreviation).

    A short form is looked for among the ``_SHORT_FORM_WINDOW`` distinct names listed nearest to it,
    so a document with thousands of names stays linear."""
    names = list(dict.fromkeys(h.text for h in found))
    index = {name: i for i, name in enumerate(names)}
    out: list[Hit] = []
    seen: set[str] = set()
    for hit in found:
        if hit.text in seen:
            continue
        i = index[hit.text]
        near = names[max(0, i - _SHORT_FORM_WINDOW) : i + _SHORT_FORM_WINDOW + 1]
        if any(other != hit.text and (hit.text in other or _abbreviates(hit.text, other)) for other in near):
            continue
        seen.add(hit.text)
        out.append(hit)
    return out
