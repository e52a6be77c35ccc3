"""Project statistics: (category, scope, segment, count, investment) of project batches.

A figure is a count of projects — 签约项目340个 (count after 项目) or
87个重大项目 (count before 项目) — with the nearest category verb (签约, 开工 …),
the investment that goes with it (总投资2844亿元 after it, or 总投资432.7亿元的…
before it), and a scope: 在主会场… after it, the nearest scope word or place
before it in the sentence, else the scope of the sentence naming the event.
Under 其中 / …项目中, a figure whose phrase has no category verb is a segment
of the batch before it (其中,产业项目77项 -> segment 产业项目).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from zhnews import lexicon
from zhnews.evaluate import amount_item, norm_name
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.html_page import yi
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, body_start, get_ext, sentence_index, set_ext, text_of
from zhnews.pipeline.hits import AmountHit, Hit, StatHit
from zhnews.text.numbers import AMOUNT_PATTERN, amount_from_match, count_matches, parse_count
from zhnews.text.scan import SentenceIndex, last_match

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_PHRASE_TAIL = re.compile(r"[\u4e00-\u9fff\d.“”\"]+$")  # the run of phrase characters ending at endpos
_PHRASE_STOPS = ("其中", "包含", "包括", "以及", "另有", "含")
_AFTER_COUNT_PHRASE = re.compile(r"[\u4e00-\u9fff]{0,15}?项目")
_BEFORE_COUNT = re.compile(r"项目(?:总数|数量|共计|共有|合计|总计|共|达)?(?:为|达)?$")
_QUALIFIER = r"(?:约|超过|超|达到|达|近|逾|为|计|共计|共)?"
_SUBSTAT = re.compile(
    r"\((?P<scope>[^()]{0,8}?)(?:共|共有|共计|合计)?(?P<num>\d{1,6}|[一二三四五六七八九十百千两零]{1,8})(?:个|项)\)"
)
_VENUE = re.compile(
    r"在(?P<scope>[^,，;；。\s在]{1,8}?)(?:集中|现场|同步|统一|线上|正式|顺利|)?(?=签约|开工|投产|竣工|落地|开竣工)"
)
_SEGMENT_CONTEXT = re.compile(r"其中|项目中")
_CLAUSE_MARK = re.compile(r"[,，;；。]")
_SEMICOLON = re.compile(r"[;；]")
_EVENT_SCOPE = re.compile(r"全省|全市|全州|全县|全区|全盟|全旗")  # what the event sentence may say it covers
MAX_LOOKBACK = 400  # characters a figure's category, breakdown and parent are looked for before it


@dataclass
class _Count:
    value: int
    start: int
    end: int
    phrase: tuple[int, int]  # the project noun phrase (…项目)
    after: bool  # True for 87个…项目 (count before the noun)


SentenceCounts = tuple[tuple[int, int], list[re.Match[str]]]  # a sentence's (start, end) and its counts


def count_sentences(text: str, start: int, index: SentenceIndex) -> Iterator[SentenceCounts]:
    """Each sentence holding a count (a ``COUNT_PATTERN`` match at or after ``start``), in order,
    with its counts: one scan of the text serves every sentence."""
    sentence: tuple[int, int] | None = None
    counts: list[re.Match[str]] = []
    for count in count_matches(text, start):
        if sentence is None or count.start() >= sentence[1]:
            if sentence is not None:
                yield sentence, counts
            sentence, counts = index.sentence(count.start()), []
        counts.append(count)
    if sentence is not None:
        yield sentence, counts


class ProjectStatsLayer(Layer):
    """Find project-batch figures in the report body."""

    name = "zhnews_project_stats"
    field = "project_stats"
    record_field = "project_stats"
    order = 70
    reads = ("prepared", "title_block", "event_date")
    span_keys = {"figures": "zhnews_project_stats"}
    default_config = {"max_phrase_chars": 24}
    eval_fields = ("project_stats", "stat_scopes")
    tables = (Table("project_stats", (
        Column("doc_id", "string"), Column("position", "int", "order in the record, from 0"),
        Column("category", "string", "签约, 开工, 投产 ...; null for several kinds together"),
        Column("scope", "string"), Column("segment", "string", "the sub-group of a breakdown; null for a batch"),
        Column("parent", "int", "position of the batch a breakdown belongs to"),
        Column("count", "int"), Column("amount", "decimal", "whole units of the currency"),
        Column("currency", "string", "ISO 4217"), Column("text", "string", "the figure as written"),
    ), "project figures: batches and their breakdowns"),)

    def _use(self, lex: lexicon.Lexicon) -> None:
        """Compile the patterns of the lexicon in use (the component's own), once per lexicon."""
        if getattr(self, "lex", None) is lex:
            return
        self.lex = lex
        keys = "|".join(re.escape(k) for k in sorted(lex.investment_keys, key=len, reverse=True))
        self.investment = re.compile(rf"(?P<key>{keys}){_QUALIFIER}(?P<amount>{AMOUNT_PATTERN.pattern})")
        self.investment_before = re.compile(rf"(?:{keys}){_QUALIFIER}(?P<amount>{AMOUNT_PATTERN.pattern})的$")
        self.blockers = tuple(lex.investment_key_blockers)
        self.scope_words = lexicon.word_pattern(lex.scopes)

    # --- the pieces of a figure -------------------------------------------------
    def _phrase_start(self, text: str, end: int, floor: int) -> int:
        """Start of the noun phrase ending at ``end`` (back to a delimiter or 的)."""
        tail = _PHRASE_TAIL.search(text, max(floor, end - self.max_phrase_chars), end)
        start = tail.start() if tail else end
        start = max(start, text.rfind("的", start, end) + 1)  # 总投资1972亿元的 + 产业项目
        for stop in _PHRASE_STOPS:
            if text.startswith(stop, start):
                start += len(stop)
                break
        return start

    def _counts(self, text: str, sentence: tuple[int, int], matches: list[re.Match[str]]) -> list[_Count]:
        found = []
        for match in matches:
            start, end = match.span()
            previous = text[start - 1] if start > 0 else ""
            if previous == "第" or (previous.isdigit() and not match.group("num")[0].isdigit()):
                continue
            value = parse_count(match.group("num"))
            if value is None or match.group("num") in ("一", "两", "几"):
                continue  # 每一个项目, 两个项目: wording, not a figure
            if _BEFORE_COUNT.search(text, max(sentence[0], start - 6), start):
                noun_end = text.rfind("项目", max(sentence[0], start - 6), start) + 2
                phrase = (self._phrase_start(text, noun_end, sentence[0]), noun_end)
                found.append(_Count(value, start, end, phrase, after=False))
                continue
            noun = _AFTER_COUNT_PHRASE.match(text, end, sentence[1])
            if not noun or noun.group().startswith("一批"):
                continue
            if text.startswith("中", noun.end()):
                continue  # 在猇亭区开工的12个项目中: a reference to the batch, not a new figure
            found.append(_Count(value, start, end, (end, noun.end()), after=True))
        return found

    def _category(self, text: str, count: _Count, sentence: tuple[int, int]) -> Hit | None:
        """The category verb of a figure: in its phrase, after it in its clause, or before it."""
        verbs = lexicon.load().category_pattern
        in_phrase = list(verbs.finditer(text, *count.phrase))
        if in_phrase:
            joined = self._joined_verbs(text, in_phrase[0], sentence[0])
            return self._one_category(joined + in_phrase)
        clause_end = self._clause_end(text, count.phrase[1], sentence[1])
        after = verbs.search(text, count.phrase[1], clause_end)
        if after and count.after:
            return Hit(after.group(), after.start(), after.end())
        clause_start = self._clause_start(text, count.start, sentence[0])
        before = list(verbs.finditer(text, clause_start, count.start))
        if before:
            return self._one_category(before[-1:])
        return Hit(after.group(), after.start(), after.end()) if after else None

    @staticmethod
    def _joined_verbs(text: str, first: re.Match[str], floor: int) -> list[re.Match[str]]:
        """Verbs joined to the phrase's first verb by 、/和/及 (签约、开工、投产项目共2354个)."""
        verbs = lexicon.load().category_pattern
        joined: list[re.Match[str]] = []
        pos = first.start()
        while pos - 1 > floor and text[pos - 1] in "、和及与":
            previous = None
            for candidate in verbs.finditer(text, max(floor, pos - 6), pos - 1):
                if candidate.end() == pos - 1:
                    previous = candidate
            if previous is None:
                break
            joined.insert(0, previous)
            pos = previous.start()
        return joined

    @staticmethod
    def _one_category(matches: list[re.Match[str]]) -> Hit | None:
        """One category for these verbs; a null-category hit when they name several kinds."""
        kinds = {lexicon.load().category_verbs[m.group()] for m in matches}
        first, last = matches[0], matches[-1]
        if len(kinds) > 1:
            return Hit("", first.start(), last.end())
        return Hit(last.group(), last.start(), last.end())

    @staticmethod
    def _clause_end(text: str, pos: int, stop: int) -> int:
        stop = min(stop, pos + MAX_LOOKBACK)
        match = _CLAUSE_MARK.search(text, pos, stop)
        return match.start() if match else stop

    @staticmethod
    def _clause_start(text: str, pos: int, floor: int) -> int:
        floor = max(floor, pos - MAX_LOOKBACK)
        for i in range(pos - 1, floor - 1, -1):
            if text[i] in ",，;；。":
                return i + 1
        return floor

    def _scopes(self, text: str, sentence: tuple[int, int]) -> list[Hit]:
        """Scope words (全省, 主会场 …) and places with their level word (信阳市) in a sentence."""
        lex = lexicon.load()
        found = []
        for match in self.scope_words.finditer(text, *sentence):
            start = match.start()
            if match.group().endswith("会场"):  # the place that holds the venue: 南宁 + 市主会场
                start = lex.place_before(text, start, sentence[0])
            found.append(Hit(text[start : match.end()], start, match.end()))
        for level in re.finditer(r"[省市州县区]", text[sentence[0] : sentence[1]]):
            end = sentence[0] + level.start()
            start = lex.place_before(text, end, sentence[0])
            follower = text[end + 1 : end + 2]
            if start < end and follower not in ("委", "长", "政", "人", "领", "场", "级", "直"):
                found.append(Hit(text[start : end + 1], start, end + 1))
        return sorted(found, key=lambda h: (h.end, h.start))  # by end: the nearest one before a figure

    def _venue(self, text: str, count: _Count, sentence: tuple[int, int]) -> Hit | None:
        """在主会场 / 在猇亭区 right after a count-before-noun figure."""
        if not count.after:
            return None
        match = _VENUE.match(text, count.phrase[1], sentence[1])
        if not match:
            return None
        scope = match.group("scope")
        if self.scope_words.fullmatch(scope) or scope.endswith("会场"):
            return Hit(scope, match.start("scope"), match.end("scope"))
        place_start = lexicon.load().place_before(text, match.end("scope") - 1, match.start("scope"))
        if place_start == match.start("scope") and scope[-1] in "省市州县区":
            return Hit(scope, match.start("scope"), match.end("scope"))
        return None

    def _investment(self, text: str, count: _Count, limit: int) -> AmountHit | None:
        """The total investment before (总投资X的…) or after the figure, up to ``limit``."""
        phrase_start = min(count.start, count.phrase[0])
        before = self.investment_before.search(text, max(0, phrase_start - 40), phrase_start)
        if before:
            return self._amount(before, "amount")
        for match in self.investment.finditer(text, count.end, limit):
            key_start = match.start("key")
            if text.endswith(self.blockers, 0, key_start):
                continue
            return self._amount(match, "amount")
        return None

    @staticmethod
    def _amount(match: re.Match[str], group: str) -> AmountHit | None:
        inner = AMOUNT_PATTERN.fullmatch(match.group(group))
        parsed = amount_from_match(inner) if inner else None
        if parsed is None:
            return None
        return AmountHit(parsed[0], parsed[1], Hit(match.group(group), match.start(group), match.end(group)))

    # --- the figures of a sentence ----------------------------------------------
    def _sentence_stats(self, text: str, sentence: tuple[int, int], matches: list[re.Match[str]],
                        event_scope: Hit | None) -> list[StatHit]:
        counts = self._counts(text, sentence, matches)
        scopes = self._scopes(text, sentence) if counts else []
        scope_ends = [s.end for s in scopes]
        stats: list[StatHit] = []
        for i, count in enumerate(counts):
            near = (max(sentence[0], count.start - MAX_LOOKBACK), sentence[1])  # a figure's context is local
            category = self._category(text, count, near)
            next_start = counts[i + 1].start if i + 1 < len(counts) else sentence[1]
            semicolon = _SEMICOLON.search(text, count.end, next_start)
            limit = semicolon.start() if semicolon else next_start
            if not count.after:
                limit = min(limit, next_start)
            segment = None
            breakdown = _SEGMENT_CONTEXT.search(text, near[0], count.start)
            if breakdown and not count.after and not self._has_verb(text, count):
                segment = self._segment(text, count)
                category = self._parent_category(text, near[0], count.phrase[0])
            scope = self._venue(text, count, sentence)
            if scope is None:
                k = bisect.bisect_right(scope_ends, count.start)
                scope = scopes[k - 1] if k else event_scope
            stats.append(self._stat(text, count, category, scope, segment, self._investment(text, count, limit)))
            sub = _SUBSTAT.match(text, count.end)
            if sub:
                stats.append(self._substat(text, sub, category, scope))
        return stats

    def _has_verb(self, text: str, count: _Count) -> bool:
        return lexicon.load().category_pattern.search(text, *count.phrase) is not None

    def _segment(self, text: str, count: _Count) -> Hit | None:
        start, end = count.phrase
        return Hit(text[start:end], start, end) if end > start else None

    def _parent_category(self, text: str, floor: int, pos: int) -> Hit | None:
        last = last_match(lexicon.load().category_pattern.finditer(text, floor, pos))
        return Hit(last.group(), last.start(), last.end()) if last else None

    def _stat(self, text, count, category, scope, segment, investment) -> StatHit:
        kinds = lexicon.load().category_verbs
        name = kinds.get(category.text) if category is not None and category.text else None
        pieces = [h for h in (count.start, count.end, *count.phrase) if h is not None]
        if investment:
            pieces += [investment.evidence.start, investment.evidence.end]
        start, end = min(pieces), max(pieces)
        return StatHit(
            category=name or None,
            count=count.value,
            evidence=Hit(text[start:end], start, end),
            category_hit=category if name else None,
            scope=scope,
            segment=segment,
            count_hit=Hit(text[count.start : count.end], count.start, count.end),
            investment=investment,
        )

    def _substat(self, text: str, sub: re.Match[str], category: Hit | None, scope: Hit | None) -> StatHit:
        kinds = lexicon.load().category_verbs
        inner_scope = self.scope_words.search(text, sub.start("scope"), sub.end("scope"))
        if inner_scope:
            scope = Hit(inner_scope.group(), inner_scope.start(), inner_scope.end())
        value = parse_count(sub.group("num"))
        start, end = sub.start("num"), sub.end()
        return StatHit(
            category=kinds.get(category.text) or None if category else None,
            count=value,
            evidence=Hit(text[sub.start() + 1 : end - 1], sub.start() + 1, end - 1),
            category_hit=category,
            scope=scope,
            count_hit=Hit(text[start : end - 1], start, end - 1),
        )

    def _event_scope(self, doc: Doc) -> Hit | None:
        date = get_ext(doc, "zhnews_event_date")
        if date is None:
            return None
        match = _EVENT_SCOPE.search(text_of(doc), *date.sentence)
        return Hit(match.group(), match.start(), match.end()) if match else None

    def __call__(self, doc: Doc) -> Doc:
        self._use(lexicon.load())
        text = text_of(doc)
        event_scope = self._event_scope(doc)
        index = sentence_index(doc)
        stats: list[StatHit] = []
        seen = set()
        for bounds, matches in count_sentences(text, body_start(doc), index):
            for stat in self._sentence_stats(text, bounds, matches, event_scope):
                key = (stat.category, stat.scope and stat.scope.text, stat.segment and stat.segment.text,
                       stat.count, stat.investment and (stat.investment.amount, stat.investment.currency))
                if key not in seen:
                    seen.add(key)
                    stats.append(stat)
        set_ext(doc, "zhnews_project_stats", stats)
        spans = []
        for stat in stats:
            for hit, label in ((stat.count_hit, "COUNT"), (stat.category_hit, "CATEGORY"), (stat.scope, "SCOPE"),
                               (stat.segment, "SEGMENT"), (stat.investment and stat.investment.evidence, "AMOUNT")):
                if hit is not None and hit.end > hit.start:
                    spans.append((hit.start, hit.end, label))
        doc = self.put_spans(doc, "figures", sorted(set(spans)))
        return doc

    @classmethod
    def to_record(cls, stats: list[StatHit], context: RecordContext) -> list[dict[str, Any]]:
        out = []
        for stat in stats:
            money = None
            if stat.investment is not None:
                amount = stat.investment.amount
                amount = amount.quantize(1) if amount == amount.to_integral_value() else amount.normalize()
                money = {"amount": amount, "currency": stat.investment.currency,
                         **context.evidence(stat.investment.evidence)}
            out.append({
                "category": stat.category, "scope": context.value(stat.scope), "segment": context.value(stat.segment),
                "count": stat.count, "investment": money, "category_span": context.span(stat.category_hit),
                "scope_span": context.span(stat.scope), "segment_span": context.span(stat.segment),
                "count_span": context.span(stat.count_hit), "parent": getattr(stat, "parent", None),
                **context.evidence(stat.evidence),
            })
        return out

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        out: list[Mark] = []
        for stat in record.project_stats:
            what = " ".join(x for x in (stat.category, stat.scope, stat.segment) if x) or "projects"
            if stat.count_span and stat.count is not None:
                out.append(Mark(*stat.count_span, "count", f"count {stat.count} ({what})"))
            if stat.investment:
                money = stat.investment
                out.append(Mark(*money.span, "amount", f"{money.amount} {money.currency} = {yi(money.amount)} 亿 "
                                                       f"({what})"))
        return out

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        rows = []
        for position, stat in enumerate(record.get("project_stats") or []):
            money = stat.get("investment") or {}
            rows.append({
                "doc_id": record["doc_id"], "position": position, "category": stat.get("category"),
                "scope": stat.get("scope"), "segment": stat.get("segment"), "parent": stat.get("parent"),
                "count": stat.get("count"), "amount": Decimal(str(money["amount"])) if money else None,
                "currency": money.get("currency"), "text": stat.get("text"),
            })
        return {"project_stats": rows}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        stats = record.get("project_stats") or []
        if field == "project_stats":
            return [(s.get("category"), s.get("count"), *amount_item(s)) for s in stats]
        return [(s.get("category"), s.get("count"), *amount_item(s), norm_name(s.get("scope")),
                 norm_name(s.get("segment"))) for s in stats]
