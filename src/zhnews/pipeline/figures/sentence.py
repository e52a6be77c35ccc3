"""What a sentence gives each of its mentions: the scope it names for it, and the amounts after it.

A mention's scope is its venue (17个项目在主会场签约), else the nearest scope before it in its
sentence (a place after 在 that belongs to an earlier figure, or where the event is held, left
out), else the event's; each choice has a rank, so that a batch restated in several places keeps
the most explicit scope (a named place beats 全市; a headline's counts least).
"""
from __future__ import annotations

import bisect
import re

from zhnews.lexicon import Lexicon
from zhnews.pipeline.figures.amounts import AmountReader
from zhnews.pipeline.figures.mentions import Mention, Opener, Reference
from zhnews.pipeline.figures.scopes import NAMED, EventScope, Scope

RANK_VENUE_AFTER = 7  # 17个项目在主会场签约
RANK_NAMED = 6  # the figure's own place (郑州市…, 陈仓区、凤县…的61个项目, 全州155个项目)
RANK_EVENT = 5  # the place of the event, for the event's own figures (西藏2022年…举行，全区…45个项目)
RANK_QUAN = 4  # the figure's own 全X or 本市 (全市…项目44个)
RANK_TITLE = 3  # what a headline gives
RANK_EVENT_QUAN = 2  # the 全X of an event (全省第三批开工动员的…; the event sentence's 全市)
PLACE_SUBJECTS = NAMED | {"deictic", "quan"}
_VENUE_ADVERB = re.compile("同时|同步|集中|已|均|全部|分别|将|正|当天")
_REACH = 400  # characters before a figure its scope is looked for in


class SentenceReader:
    """Gives each mention of a sentence its scope (and rank) and the amounts after it."""

    def __init__(self, text: str, events: list[EventScope], amount_reader: AmountReader, lex: Lexicon) -> None:
        self.text = text
        self.events = events
        self.amount_reader = amount_reader
        self.lex = lex
        firsts: dict[int, EventScope] = {}
        for event in events:
            firsts.setdefault(event.paragraph[0], event)  # a paragraph's first date-led sentence
        self.events = sorted(firsts.values(), key=lambda e: e.paragraph[0])
        self.event_starts = [e.paragraph[0] for e in self.events]
        self._counts_of: list[Mention] | None = None
        self._counts: list[int] = []

    def read(self, mentions: list[Mention], openers: list[Opener], references: list[Reference],
             scopes: list[Scope]) -> None:
        """Set ``scope``, ``scope_rank`` and ``amounts`` of every mention of one sentence."""
        inherited = self._own_venues_removed(mentions, scopes)
        at: dict[int, list[Scope]] = {}
        for scope in scopes:
            at.setdefault(scope.hit.start, []).append(scope)
        ends = [s.hit.end for s in inherited]
        stops = sorted(o.start for o in (*openers, *references))
        following = [m for m in mentions if not m.in_parens]
        for mention in mentions:
            self._choose_scope(mention, at, inherited, ends)
            self._read_amounts(mention, following, stops)

    def _own_venues_removed(self, mentions: list[Mention], scopes: list[Scope]) -> list[Scope]:
        """A place after 在 right after a figure is that figure's venue (87个项目在荆州开发区…动工),
        not the scope of the figures after it (unless it opens the next figure's own clause)."""
        counts = [m.count.start for m in mentions]
        kept = []
        for scope in scopes:
            start = scope.hit.start
            if self.text[start - 1 : start] == "在":
                i = bisect.bisect_left(counts, start) - 1
                if i >= 0 and not any(c in ",;:" for c in self.text[mentions[i].count.end : start]):
                    after = mentions[i + 1] if i + 1 < len(mentions) else None
                    if after is None or not (after.clause_start <= start and scope.hit.end <= after.count.start):
                        continue
            kept.append(scope)
        return kept

    def _choose_scope(self, mention: Mention, at: dict[int, list[Scope]], inherited: list[Scope],
                      ends: list[int]) -> None:
        """The scope the sentence gives a mention, and how strong it is (the RANK_* figures):
        its venue (…在主会场签约), else the nearest scope before it (a venue of an earlier figure
        left out), else the event's."""
        venue = self._venue_after(mention, at)
        if venue is not None:
            mention.scope, mention.scope_rank = venue, RANK_VENUE_AFTER
            return
        text = self.text
        start = mention.count.start
        best: Scope | None = None
        event_quan: Scope | None = None
        examples = -1
        subject = -1
        if text[start - 1 : start] == "等":
            low = max(mention.sentence[0], start - _REACH)
            examples = max(low, *(text.rfind(m, low, start) + 1 for m in ",;:"))
            subject = self._subject_start(examples, start)
        floor = max(mention.sentence[0], start - _REACH)
        for i in range(bisect.bisect_right(ends, start) - 1, -1, -1):
            scope = inherited[i]
            if scope.hit.end <= floor:
                break
            if self._event_venue(scope):
                continue
            if (0 <= examples <= scope.hit.start and scope.hit.end != start - 1
                    and not self._heads_clause(scope, subject)):
                continue  # a place inside the named examples (…勉县利废…项目等75个): not the batch's
            if scope.kind in ("list", "bare") and scope.hit.start < mention.part_start:
                continue
            if scope.kind == "quan" and scope.event_noun:
                event_quan = event_quan or scope
                continue
            best = scope
            break
        rank = 0
        if best is not None:
            tight = best.kind == "quan" and best.hit.end == start
            rank = RANK_NAMED if best.kind in NAMED or tight else RANK_QUAN
            clause = max(floor, *(text.rfind(m, floor, start) + 1 for m in ",;:"))
            mention.own_place = (best.kind in NAMED and best.hit.start >= clause
                                 and self._heads_clause(best, self._subject_start(clause, start)))
        event = self._event_of(mention)
        if event is not None and event.local:
            if rank < RANK_QUAN:  # the paragraph's place, for a figure that names none (九江市分会场…。此次…)
                best, rank = event.place, RANK_EVENT
        elif (event is not None and event.place is not None and event.subject and not mention.cumulative
                and rank < RANK_EVENT):
            best, rank = event.place, RANK_EVENT
        if best is None:
            quan = event_quan or (event.quan if event is not None else None)
            if quan is not None:
                best, rank = quan, RANK_EVENT_QUAN
        mention.scope, mention.scope_rank = best, rank

    def _subject_start(self, clause: int, stop: int) -> int:
        """Where a clause's subject stands: after the words it may open with (其中, 此次 …)."""
        lead = self.amount_reader.words.clause_lead.match(self.text, clause, stop)
        return lead.end() if lead else clause

    def _heads_clause(self, scope: Scope, subject: int) -> bool:
        """True when a scope opens its clause as its subject, before the named examples of the batch
        (甲市有A项目、B工程等81个项目; 乙县此次开工A项目等12个项目), not the first project's own name."""
        return (scope.hit.start == subject and scope.kind in PLACE_SUBJECTS
                and self.amount_reader.words.subject_follower.match(self.text, scope.hit.end) is not None)

    def _event_venue(self, scope: Scope) -> bool:
        """在九龙坡区举行: where the event is held, not what a figure covers."""
        text = self.text
        start = self.lex.place_before(text, scope.hit.start, max(0, scope.hit.start - 8))  # 在重庆 + 九龙坡区
        after_zai = text[scope.hit.start - 1 : scope.hit.start] == "在" or text[start - 1 : start] == "在"
        return after_zai and text.startswith(self.amount_reader.words.held_verbs, scope.hit.end)

    def _event_of(self, mention: Mention) -> EventScope | None:
        """The date-led sentence of the mention's paragraph, if any."""
        i = bisect.bisect_right(self.event_starts, mention.count.start) - 1
        if i >= 0 and mention.count.start <= self.events[i].paragraph[1]:
            return self.events[i]
        return None

    def _venue_after(self, mention: Mention, at: dict[int, list[Scope]]) -> Scope | None:
        """在主会场现场签约 / 在全省范围内已全部复工 right after the figure."""
        text = self.text
        pos = mention.noun_end
        adverb = _VENUE_ADVERB.match(text, pos)
        if adverb:
            pos = adverb.end()
        if not text.startswith("在", pos):
            return None
        for scope in at.get(pos + 1, ()):
            if scope.kind == "group":
                continue
            end = scope.hit.end
            for tail in ("范围内", "内", "上"):
                if text.startswith(tail, end):
                    end += len(tail)
                    break
            if text[end : end + 1] not in ("和", "及", "与", "、", "的", ""):
                return scope
        return None

    def _read_amounts(self, mention: Mention, following: list[Mention], stops: list[int]) -> None:
        """The amounts after a mention, up to the next figure (outside parentheses), opener,
        reference or ；."""
        text = self.text
        start = mention.noun_end
        limit = mention.sentence[1]
        if mention.in_parens:
            close = text.find(")", start, limit)
            limit = close if close >= 0 else limit
        semicolon = text.find(";", start, limit)
        if semicolon >= 0:
            limit = semicolon
        counts = self._following_counts(following)
        i = bisect.bisect_right(counts, mention.count.start)
        if i < len(following):
            limit = min(limit, max(start, following[i].clause_start))
        j = bisect.bisect_left(stops, start)
        if j < len(stops) and stops[j] < limit:
            limit = stops[j]
        mention.amounts = self.amount_reader.after(text, start, limit)

    def _following_counts(self, following: list[Mention]) -> list[int]:
        if self._counts_of is not following:
            self._counts_of, self._counts = following, [m.count.start for m in following]
        return self._counts
