"""Scopes: who or where a figure covers, as written (全省, 主会场, 郑州市, 陈仓区、凤县、千阳县 …).

``ScopeFinder.candidates`` lists the scope expressions of a sentence: 全X words, deictic
words (本市, 我市), venues (南宁市主会场), places with their level (郑州市, 宝鸡高新区,
浦江县郑宅镇 -> 郑宅镇, 第三师图木舒克市), places named without it where they stand as a
clause's subject (宁夏2023年…, 西宁累计签约…), lists of places (第一师、第三师;
石家庄、…、辛集9市) and numbered groups (七市地). ``event_scopes`` finds the place that the
sentences opening with a date name as the event's (5月26日，林芝市为…举行…).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

from zhnews.lexicon import Lexicon
from zhnews.pipeline.figures.words import Words, alternation, ends_with_any
from zhnews.pipeline.hits import Hit
from zhnews.text.numbers import CN_DIGITS

NAMED = frozenset({"venue", "named", "bare", "list", "group"})  # scopes that name a place or venue
_BOUNDARY = frozenset(",;:!?。\n()“”\"")
_GOVERNMENT_REACH = 8  # characters after a place in which a government body's name may end (省发展和改革委)
_EVENT_NOUN_REACH = 30
_EVENT_REACH = 120  # characters after a date where the event's place and 全X word are looked for


@dataclass(frozen=True, slots=True)
class Scope:
    """A scope expression found in the text."""

    hit: Hit
    kind: str  # quan (全省), deictic (本市), venue, named (郑州市), bare (宁夏), list, group (七市地)
    event_noun: bool = False  # 全X of an event (全省第三批开工动员的…, 全省视频连线活动)
    leveled: bool = False  # a place written with its level (郑州市), the form a bare name takes
    period_after: bool = False  # followed by a year, season or batch (邢台市2017年…): names an event
    refers: Hit | None = None  # what an anaphoric word (该市) stands for: the place of that level named last

    @property
    def shown(self) -> Hit:
        """The scope as the record gives it: the place an anaphoric word stands for, else as written."""
        return self.refers or self.hit


@dataclass(frozen=True, slots=True)
class EventScope:
    """The place and the 全X word of a sentence that opens with a date (the event's)."""

    paragraph: tuple[int, int]
    sentence: tuple[int, int]
    place: Scope | None
    quan: Scope | None
    subject: bool = False  # the place is the sentence's subject (林芝市为…举行), not only in the event's name
    local: bool = False  # a paragraph opening with its place as subject (九江市分会场…): that paragraph's only


def _at_boundary(text: str, pos: int, floor: int) -> bool:
    return pos <= floor or text[pos - 1] in _BOUNDARY


class ScopeFinder:
    """Scope expressions in a stretch of text."""

    def __init__(self, words: Words, lex: Lexicon) -> None:
        self.words = words
        self.lex = lex
        self.quan = re.compile(alternation(words.quan_scopes))
        self.deictic = re.compile(alternation(words.deictic_scopes))
        self.anaphor = re.compile(alternation(words.anaphoric_scopes))
        self.venue = re.compile(alternation(words.venue_scopes))
        self.zone = re.compile(alternation(words.zone_suffixes))
        self.members = re.compile(alternation(words.list_members))
        self.levels = re.compile(f"[{re.escape(words.level_chars + words.township_chars)}]")
        self.division = re.compile(r"第[一二三四五六七八九十]{1,3}师")
        self.division_end = re.compile(r"第[一二三四五六七八九十]{1,3}师$")
        self.group = re.compile(rf"[{CN_DIGITS}\d]{{1,3}}(?:{alternation(words.place_groups)})")
        groups = alternation(words.place_groups)
        # a list's closing group count: …辛集9市, 张家口、承德三地
        self.group_tail = re.compile(rf"[{CN_DIGITS}\d]{{1,3}}(?:{groups}|[市地县区])(?![\u4e00-\u9fff]?项目)")
        self.period = re.compile(
            rf"(?:为)?(?:\d{{2,4}}年|第[{CN_DIGITS}\d]{{1,3}}[批期]|{alternation(words.event_periods)}|[{CN_DIGITS}]季度)"
        )
        self.event_nouns = re.compile(alternation(words.event_nouns))
        first_lengths: dict[str, set[int]] = {}
        for place in lex.places:
            if len(place) >= 2:
                first_lengths.setdefault(place[0], set()).add(len(place))
        # first character -> lengths of the places starting with it, longest first
        self.first_lengths = {c: tuple(sorted(n, reverse=True)) for c, n in first_lengths.items()}
        self.bare_starts = re.compile(rf"[,;:!?。\n()“”\"、和及与]|{alternation(words.topic_endings)}")
        self.verbs = words.verb_pattern
        self.date_lead = re.compile(
            r"[日天](?:上午|下午|晚上|早上|中午|一早|晚)?(?:\(\d{1,2}日\))?(?:\d{1,2}时(?:\d{1,2}分)?)?,"
        )
        # the opening of a report's first sentence: a dateline (本报讯, …12月22日电) with the byline in
        # parentheses, then a date word (近日, 日前) or a date
        self.lead_opening = re.compile(
            r"(?:[^,。\n]{0,16}?讯|[^,。\n]{0,16}?\d{1,2}日(?:电|消息|讯))?(?:\([^()\n]{0,40}\))?"
            rf"(?P<when>(?:{alternation(words.lead_openers)})(?:上午|下午|晚上|早上)?,)?"
        )

    # --- places -------------------------------------------------------------------
    def _government(self, text: str, end: int) -> bool:
        """True when the place ending at ``end`` starts a government body's or company's name."""
        if end < len(text) and text[end] in self.words.government_next:
            return True
        stop = end
        while stop < min(len(text), end + _GOVERNMENT_REACH) and "\u4e00" <= text[stop] <= "\u9fff":
            stop += 1
        return any(text.find(s, end, stop) >= 0 for s in self.words.government_suffixes)

    def _leveled(self, text: str, start: int, end: int) -> list[Scope]:
        """Places written with their level (郑州市, 陈仓区, 浦江县郑宅镇 -> both, 第三师图木舒克市)."""
        found: list[Scope] = []
        lex = self.lex
        for level in self.levels.finditer(text, start, end):
            pos = level.start()
            stop = pos + 1
            first = lex.place_before(text, stop, start)
            if first == stop:
                first = lex.place_before(text, pos, start)
            if first >= pos and level.group() in self.words.township_chars:
                first = self._township(text, pos, start)
            if first >= pos or self._government(text, stop) or self.conjunction_generic(text, first):
                continue
            if self.quan.match(text, pos - 1) or (stop < end and (text[stop] in self.words.level_chars
                                                                  or self.zone.match(text, stop))):
                continue  # 当天全省 is not 天全 + 省; 郑州 + 市, 荆州 + 开发区: the longer name is the place
            division = self._division_before(text, first, start)
            found.append(Scope(Hit(text[division:stop], division, stop), "named", leveled=True))
        for zone in self.zone.finditer(text, start, end):
            first = lex.place_before(text, zone.start(), start)
            if first < zone.start() and not self._government(text, zone.end()):
                found.append(Scope(Hit(text[first : zone.end()], first, zone.end()), "named"))
        starts = {s.hit.start for s in found}
        for division in self.division.finditer(text, start, end):
            stop = division.end()
            if division.start() not in starts:
                found.append(Scope(Hit(division.group(), division.start(), stop), "named"))
        return found

    def conjunction_generic(self, text: str, first: int) -> bool:
        """True when the place match starting at ``first`` is a conjunction before a generic level
        word (和 + 县区, 与 + 市县): no place (和县 + 区 is not 和县's district)."""
        return (text[first : first + 1] in self.words.conjunction_chars
                and text.startswith(self.words.generic_levels, first + 1))

    def place_at(self, text: str, pos: int, end: int) -> int:
        """End of the longest known place starting at ``pos`` (before ``end``), else ``pos``;
        a conjunction before a generic level word (和县区) starts none."""
        lengths = self.first_lengths.get(text[pos : pos + 1])
        if lengths is None or self.conjunction_generic(text, pos):
            return pos  # no place starts with this character (most positions: looked up first)
        places = self.lex.places
        for n in lengths:
            if n <= end - pos and text[pos : pos + n] in places:
                return pos + n
        return pos

    def _township(self, text: str, pos: int, floor: int) -> int:
        """Start of a township's name ending at ``pos`` (郑宅 + 镇) after a county (浦江县), else ``pos``."""
        place_before = self.lex.place_before
        for length in (2, 3):
            start = pos - length
            if start - 1 <= floor or text[start - 1] not in self.words.level_chars:
                continue
            if place_before(text, start, floor) < start or place_before(text, start - 1, floor) < start - 1:
                return start  # 浦江县 (or 浦江 + 县) ends where the township's name starts
        return pos

    def _division_before(self, text: str, start: int, floor: int) -> int:
        """Start of a 第X师 right before a place (第三师 + 图木舒克市), else ``start``."""
        match = self.division_end.search(text, max(floor, start - 6), start)
        return match.start() if match else start

    def _bare(self, text: str, start: int, end: int, taken: list[Scope]) -> tuple[list[Scope], list[Scope]]:
        """Places named without their level: (those that may be a scope here, every one for lists).

        A bare name only counts where a clause, a list member or a topic's subject may start
        (after a mark, 、/和/及/与, or 上/中/期间…), so only those positions are looked at."""
        usable: list[Scope] = []
        every: list[Scope] = []
        spans = sorted((s.hit.start, s.hit.end) for s in taken)
        covered_starts = [a for a, _ in spans]
        reach = list(accumulate((b for _, b in spans), max))  # the furthest end of the spans starting so far
        starts = [start] + [m.end() for m in self.bare_starts.finditer(text, start, end)]
        for first in starts:
            stop = self.place_at(text, first, end)
            if stop == first:
                continue
            i = bisect.bisect_right(covered_starts, first) - 1
            if i >= 0 and reach[i] >= stop:
                continue  # inside a longer name (郑州 of 郑州市)
            if stop < len(text) and (text[stop] in self.words.level_chars or self.zone.match(text, stop)):
                continue
            scope = Scope(Hit(text[first:stop], first, stop), "bare")
            every.append(scope)
            if self._bare_usable(text, first, stop, start):
                usable.append(scope)
        return usable, every

    def _bare_usable(self, text: str, first: int, stop: int, floor: int) -> bool:
        """A bare place is a figure's scope where it opens a clause (or follows a topic: 大会上广东…)
        and what follows is a time, batch, adverb, amount key, count or verb (宁夏2023年…)."""
        opens = _at_boundary(text, first, floor) or ends_with_any(text, self.words.topic_endings, floor, first)
        if not opens:
            return False
        follower = text[stop : stop + 1]
        if not follower:
            return False
        if follower.isdecimal() or follower in CN_DIGITS or self.verbs.match(text, stop):
            return True
        return text.startswith(self.words.bare_place_followers, stop) or self.quan.match(text, stop) is not None

    # --- every kind -----------------------------------------------------------------
    def candidates(self, text: str, start: int, end: int) -> list[Scope]:
        """The scope expressions of ``text[start:end]``, by end (nearest last)."""
        found: list[Scope] = []
        words = self.words
        quans = []
        for match in self.quan.finditer(text, start, end):
            if ends_with_any(text, words.ranking_before, max(start, match.start() - 3), match.start()):
                continue
            quans.append(match)
            found.append(Scope(Hit(match.group(), match.start(), match.end()), "quan",
                               event_noun=self._event_noun(text, match.end(), end)))
        found += [Scope(Hit(m.group(), m.start(), m.end()), "deictic") for m in self.deictic.finditer(text, start, end)]
        found += [Scope(Hit(m.group(), m.start(), m.end()), "anaphor") for m in self.anaphor.finditer(text, start, end)]
        for match in self.venue.finditer(text, start, end):
            first = self.lex.place_before(text, match.start(), start)
            found.append(Scope(Hit(text[first : match.end()], first, match.end()), "venue"))
        leveled = self._leveled(text, start, end)
        members = [Scope(Hit(m.group(), m.start(), m.end()), "named") for m in self.members.finditer(text, start, end)]
        bare, every_bare = self._bare(text, start, end, leveled + found)
        quan_starts = {m.start() for m in quans}
        leveled = [s for s in leveled if s.hit.end not in quan_starts]  # 郑州全市: the scope is 全市
        bare = [s for s in bare if s.hit.end not in quan_starts]
        found += leveled + members + bare
        found += self._lists(text, leveled + members + every_bare, start)
        for match in self.group.finditer(text, start, end):
            if _at_boundary(text, match.start(), start):
                found.append(Scope(Hit(match.group(), match.start(), match.end()), "group"))
        found = [self._with_period(text, s) for s in found]
        return sorted(found, key=lambda s: (s.hit.end, -s.hit.start))

    def _with_period(self, text: str, scope: Scope) -> Scope:
        if scope.kind in ("named", "bare") and self.period.match(text, scope.hit.end):
            return Scope(scope.hit, scope.kind, scope.event_noun, scope.leveled, period_after=True, refers=scope.refers)
        return scope

    def _event_noun(self, text: str, pos: int, end: int) -> bool:
        """True when an event noun follows a 全X word in its clause, before any count."""
        stop = pos
        limit = min(end, pos + _EVENT_NOUN_REACH)
        while stop < limit and text[stop] not in ",;:。!?\n" and not text[stop].isdecimal():
            stop += 1
        return self.event_nouns.search(text, pos, stop) is not None

    def _lists(self, text: str, elements: list[Scope], floor: int) -> list[Scope]:
        """Places joined by 、/和/及/与 (陈仓区、凤县、千阳县), with a trailing group count (…辛集9市)."""
        elements = sorted(elements, key=lambda s: s.hit.start)
        lists: list[Scope] = []
        joiners = self.words.scope_joiners
        i = 0
        while i < len(elements):
            j = i
            while j + 1 < len(elements) and text[elements[j].hit.end : elements[j + 1].hit.start] in joiners:
                j += 1
            if j > i:
                first, last = elements[i].hit.start, elements[j].hit.end
                tail = self.group_tail.match(text, last)
                if tail:
                    last = tail.end()
                lists.append(Scope(Hit(text[first:last], first, last), "list"))
            i = j + 1
        return lists

    # --- the event's place ---------------------------------------------------------
    def event_scopes(self, text: str, start: int, sentence_of, paragraph_of) -> list[EventScope]:
        """The place and 全X word of each sentence of ``text[start:]`` that opens with a date, and
        of the report's first sentence (its lead: 日前，甲县…; 本报讯(记者 X)甲县2023年…仪式于…举行)."""
        found: list[EventScope] = []
        dated: set[tuple[int, int]] = set()
        for lead in self.date_lead.finditer(text, start):
            before = text[lead.start() - 1 : lead.start()] if lead.start() > 0 else ""
            if lead.group().startswith("日"):
                if not (before.isdecimal() or before in ("今", "昨", "前", "当")):
                    continue
            elif before not in ("今", "昨", "前", "当"):
                continue
            sentence = sentence_of(lead.start())
            dated.add(sentence)
            event = self._event_at(text, lead.end(), sentence, paragraph_of(lead.start()))
            if event is not None:
                found.append(event)
        first = self._lead(text, start, sentence_of, paragraph_of, dated)
        if first is not None:
            dated.add(first.sentence)
        found += self._paragraph_places(text, start, sentence_of, paragraph_of, dated)
        return ([first] if first is not None else []) + found

    def _paragraph_places(self, text: str, start: int, sentence_of, paragraph_of,
                          dated: set[tuple[int, int]]) -> list[EventScope]:
        """Paragraphs whose first sentence opens with a place as its subject (九江市分会场活动在…举行。
        此次共开工项目50个…): the place of that paragraph's figures that name none."""
        found = []
        pos = text.find("\n", start)
        while pos >= 0:
            first = pos + 1
            while first < len(text) and text[first] in " \n":
                first += 1
            pos = text.find("\n", first)
            if first >= len(text) or self.place_at(text, first, min(len(text), first + 16)) == first:
                continue
            sentence = sentence_of(first)
            if sentence in dated:
                continue
            event = self._event_at(text, first, sentence, paragraph_of(first))
            if event is not None and self._subject(text, event):
                found.append(EventScope(event.paragraph, sentence, event.place, None, True, local=True))
        return found

    def _lead(self, text: str, start: int, sentence_of, paragraph_of,
              dated: set[tuple[int, int]]) -> EventScope | None:
        """The event scope of the report's first sentence, read after its dateline and date word,
        unless it opens with a date (read as such)."""
        pos = start
        while pos < len(text) and text[pos] in " \n":
            pos += 1
        if pos >= len(text):
            return None
        sentence = sentence_of(pos)
        if sentence in dated:
            return None
        opening = self.lead_opening.match(text, pos, sentence[1])
        event = self._event_at(text, opening.end(), sentence, paragraph_of(pos))
        if event is None or opening.group("when"):
            return event
        # no date word: only a subject place (甲县2023年…仪式于…举行), not a 全X the lead mentions
        if not self._subject(text, event):
            return None
        return EventScope(event.paragraph, event.sentence, event.place, None, event.subject)

    def _subject(self, text: str, event: EventScope) -> bool:
        """True when the event's place is its sentence's subject, with a subject's words after it
        (甲县2023年…, 乙市分会场…, 丙市举行…), not the start of a project's name (丙市红谷滩…项目)."""
        return (event.place is not None and event.subject
                and self.words.subject_follower.match(text, event.place.hit.end) is not None)

    def _event_at(self, text: str, pos: int, sentence: tuple[int, int],
                  paragraph: tuple[int, int]) -> EventScope | None:
        candidates = self.candidates(text, pos, min(sentence[1], pos + _EVENT_REACH))
        place, subject = self._event_place(text, candidates, pos)
        quan = next((s for s in candidates if s.kind == "quan"), None)
        if place is None and quan is None:
            return None
        return EventScope(paragraph, sentence, place, quan, subject)

    def _names_venue(self, text: str, end: int) -> bool:
        """True when a venue's name goes on after the place ending at ``end`` (息县 + 科创产业园)."""
        stop = end
        while stop < min(len(text), end + _GOVERNMENT_REACH) and "\u4e00" <= text[stop] <= "\u9fff":
            stop += 1
        return any(text.find(head, end, stop) >= 0 for head in self.words.venue_heads)

    def _event_place(self, text: str, candidates: list[Scope], pos: int) -> tuple[Scope | None, bool]:
        """(place, is the subject): the sentence's subject place (林芝市为…, 本市2023年…, 西藏2022年…;
        a chain of places gives its last: 浦江县郑宅镇 -> 郑宅镇), else a place that names the event
        (…迎来临高县2025年第三批…)."""
        formal = self.words.formal_deictic
        for scope in candidates:
            if scope.hit.start != pos or self._names_venue(text, scope.hit.end):
                continue
            following = next((s for s in candidates if s.hit.start == scope.hit.end and s.kind == "named"), None)
            if following is not None:
                return following, True
            if (scope.kind == "named" and scope.leveled) or (scope.kind == "deictic" and scope.hit.text in formal):
                return scope, True
            if scope.kind in ("named", "bare") and scope.period_after:
                return scope, True
        named = next((s for s in candidates if s.kind in ("named", "bare") and s.period_after), None)
        return named, False
