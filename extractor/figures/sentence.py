"""What a sentence gives each of its mentions: the scope it names for it, and the amounts after it.

A mention's scope is its venue (17个项目在主会场签约), else the nearest scope before it in its
sentence (a place after 在 that belongs to an earlier figure, or where the event is held, left
out), else the event's; each choice has a rank, so that a batch restated in several places keeps
the most explicit scope (a named place beats 全市; a headline's counts least).
"""
from __future__ import annotations

import re

from extractor.figures.amounts import AmountReader
from extractor.figures.mentions import Mention, Opener, Reference
from extractor.figures.scopes import NAMED, EventScope, Scope
from extractor.lexicon import Lexicon

RANK_VENUE_AFTER = 7  # 17个项目在主会场签约
RANK_NAMED = 6  # the figure's own place (郑州市…, 陈仓区、凤县…的61个项目, 全州155个项目)
RANK_EVENT = 5  # the place of the event, for the event's own figures (西藏2022年…举行，全区…45个项目)
RANK_QUAN = 4  # the figure's own 全X or 本市 (全市…项目44个)
RANK_TITLE = 3  # what a headline gives
RANK_EVENT_QUAN = 2  # the 全X of an event (全省第三批开工动员的…; the event sentence's 全市)
_VENUE_ADVERB = re.compile("同时|同步|集中|已|均|全部|分别|将|正|当天")
_HELD = ("举行", "召开", "举办", "启动", "开幕", "进行", "隆重举行")


class SentenceReader:
    """Gives each mention of a sentence its scope (and rank) and the amounts after it."""

    def __init__(self, text: str, events: list[EventScope], amount_reader: AmountReader, lex: Lexicon) -> None:
        self.text = text
        self.events = events
        self.amount_reader = amount_reader
        self.lex = lex

    def read(self, mentions: list[Mention], openers: list[Opener], references: list[Reference],
             scopes: list[Scope]) -> None:
        """Set ``scope``, ``scope_rank`` and ``amounts`` of every mention of one sentence."""
        inherited = self._own_venues_removed(mentions, scopes)
        for mention in mentions:
            self._choose_scope(mention, scopes, inherited)
            self._read_amounts(mention, mentions, openers, references)

    def _own_venues_removed(self, mentions: list[Mention], scopes: list[Scope]) -> list[Scope]:
        """A place after 在 right after a figure is that figure's venue (87个项目在荆州开发区…动工),
        not the scope of the figures after it."""
        owned = []
        for mention in mentions:
            for scope in scopes:
                if (scope.hit.start > mention.count.start and self.text[scope.hit.start - 1 : scope.hit.start] == "在"
                        and not any(c in ",;:" for c in self.text[mention.count.end : scope.hit.start])):
                    owned.append(scope)
        return [s for s in scopes if s not in owned or self._venue_of_own_clause(s, mentions)]

    def _venue_of_own_clause(self, scope: Scope, mentions: list[Mention]) -> bool:
        return any(m.clause_start <= scope.hit.start and scope.hit.end <= m.count.start for m in mentions)

    def _choose_scope(self, mention: Mention, scopes: list[Scope], inherited: list[Scope]) -> None:
        """The scope the sentence gives a mention, and how strong it is (the RANK_* figures):
        its venue (…在主会场签约), else the nearest scope before it (a venue of an earlier figure
        left out), else the event's."""
        venue = self._venue_after(mention, scopes)
        if venue is not None:
            mention.scope, mention.scope_rank = venue, RANK_VENUE_AFTER
            return
        best: Scope | None = None
        event_quan: Scope | None = None
        examples = -1
        if self.text[mention.count.start - 1 : mention.count.start] == "等":
            examples = max(mention.sentence[0], *(self.text.rfind(m, mention.sentence[0], mention.count.start) + 1
                                                  for m in ",;:"))
        for scope in reversed(inherited):
            if scope.hit.end > mention.count.start or self._event_venue(scope):
                continue
            if 0 <= examples <= scope.hit.start and scope.hit.end != mention.count.start - 1:
                continue  # a place inside the named examples (…勉县利废…项目等75个): not the batch's
            if scope.hit.end <= mention.sentence[0]:
                break
            if scope.kind in ("list", "bare") and scope.hit.start < mention.part_start:
                continue
            if scope.kind == "quan" and scope.event_noun:
                event_quan = event_quan or scope
                continue
            best = scope
            break
        rank = 0
        if best is not None:
            tight = best.kind == "quan" and best.hit.end == mention.count.start
            rank = RANK_NAMED if best.kind in NAMED or tight else RANK_QUAN
        event = self._event_of(mention)
        if (event is not None and event.place is not None and event.subject and not mention.cumulative
                and rank < RANK_EVENT):
            best, rank = event.place, RANK_EVENT
        if best is None:
            quan = event_quan or (event.quan if event is not None else None)
            if quan is not None:
                best, rank = quan, RANK_EVENT_QUAN
        mention.scope, mention.scope_rank = best, rank

    def _event_venue(self, scope: Scope) -> bool:
        """在九龙坡区举行: where the event is held, not what a figure covers."""
        text = self.text
        start = self.lex.place_before(text, scope.hit.start, max(0, scope.hit.start - 8))  # 在重庆 + 九龙坡区
        after_zai = text[scope.hit.start - 1 : scope.hit.start] == "在" or text[start - 1 : start] == "在"
        return after_zai and text.startswith(_HELD, scope.hit.end)

    def _event_of(self, mention: Mention) -> EventScope | None:
        pos = mention.count.start
        return next((e for e in self.events if e.paragraph[0] <= pos <= e.paragraph[1]), None)

    def _venue_after(self, mention: Mention, scopes: list[Scope]) -> Scope | None:
        """在主会场现场签约 / 在全省范围内已全部复工 right after the figure."""
        text = self.text
        pos = mention.noun_end
        adverb = _VENUE_ADVERB.match(text, pos)
        if adverb:
            pos = adverb.end()
        if not text.startswith("在", pos):
            return None
        pos += 1
        for scope in scopes:
            if scope.hit.start != pos or scope.kind == "group":
                continue
            end = scope.hit.end
            for tail in ("范围内", "内", "上"):
                if text.startswith(tail, end):
                    end += len(tail)
                    break
            if text[end : end + 1] not in ("和", "及", "与", "、", "的", ""):
                return scope
        return None

    def _read_amounts(self, mention: Mention, mentions: list[Mention], openers: list[Opener],
                      references: list[Reference]) -> None:
        """The amounts after a mention, up to the next figure, opener, reference or ；."""
        text = self.text
        start = mention.noun_end
        limit = mention.sentence[1]
        if mention.in_parens:
            close = text.find(")", start, limit)
            limit = close if close >= 0 else limit
        semicolon = text.find(";", start, limit)
        if semicolon >= 0:
            limit = semicolon
        for other in mentions:
            if other.count.start > mention.count.start and not other.in_parens:
                limit = min(limit, max(start, other.clause_start))
                break
        for other in (*openers, *references):
            if start <= other.start < limit:
                limit = other.start
        mention.amounts = self.amount_reader.after(text, start, limit)
