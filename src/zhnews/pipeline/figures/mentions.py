"""Mentions of a count of projects in a sentence, and the words that open a breakdown.

A count (N个 / N项) is a project figure when what it counts is a batch of projects:
the count comes before a noun ending in 项目 (87个亿元以上重大项目), or after one
(签约项目340个, 项目数量超过500个), after a category verb (竣工77个, 续建项目复工25个),
after a kind with 的 (新开工的有23个), after glue words that continue a batch already
named (两批共计698个). Inside a breakdown a group not headed by 项目 counts too
(制造业12个, 基础设施类108个) and so does a place (其中，我市9个). Counts of other
things (3个分会场, 12个县区, 5个方面, 两个项目) are no mention.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zhnews.pipeline.figures.amounts import Amount, AmountReader
from zhnews.pipeline.figures.scopes import Scope
from zhnews.pipeline.figures.words import Words, alternation, ends_with_any
from zhnews.pipeline.hits import Hit
from zhnews.text.numbers import CN_DIGITS, parse_count

_CLAUSE_MARK = re.compile("[,;:。!?\n]")
_STOPS = frozenset(",;:!?。\n(")  # a clause boundary when scanning back from a count
_REACH = 300  # characters before a count that the words of its sentence are looked for in
MAX_PHRASE = 40  # characters a group's phrase may take before its count (the layer's max_phrase_chars)
_MAX_NOUN_AFTER = 15  # characters a noun may take between a count and its 项目 (87个亿元以上重大项目)
_NOT_A_COUNT = frozenset({"一", "两", "几", "万", "千", "百", "亿", "零", "〇"})
_BATCH_WORD = re.compile(rf"[{CN_DIGITS}\d]{{1,3}}[批次期]")


@dataclass(slots=True)
class Mention:
    """One count of projects as the text writes it."""

    value: int
    count: Hit  # the numeral and its unit (340个)
    form: str  # noun_after (87个…项目), noun_before (项目340个), verb (竣工77个), kind (新开工的有23个),
    #            group (制造业12个), place (我市9个), glue (两批共计698个)
    sentence: tuple[int, int]
    clause_start: int  # where the clause holding the count starts
    part_start: int  # where the sentence's part holding the count starts (after the last ；)
    phrase: tuple[int, int] | None  # the group's noun phrase as written (a breakdown's segment)
    noun_end: int  # end of the figure's noun (after the count for noun_after), else the count's end
    category: str | None = None  # the kind its own words give: a label, "" for several kinds, None
    category_hit: Hit | None = None
    kinds: frozenset[str] = frozenset()  # every kind its verbs name (签约、开工 -> both)
    direct_verb: bool = False  # the verb stands right before the count (复工25个): a status subset's kind
    status: bool = False  # 已…: a part of an earlier batch that has gone on to this kind (已开工40个)
    context_category: bool = False  # the kind came from an earlier clause of the sentence
    reference: bool = False  # …个项目里/中: points back at a batch
    in_parens: bool = False  # (全省共4个)
    title: bool = False  # in a headline or a title-like line
    event_batch: bool = False  # 本次 / 此次 / 当天 …: the event's own batch
    cumulative: bool = False  # 到目前为止 / 累计 / 先后 …
    amount_before: Amount | None = None  # 总投资432.7亿元的87个…
    band: bool = False  # the phrase is a size band (10亿元以上项目, 投资超过10亿元的项目)
    amounts: list[Amount] = field(default_factory=list)  # amounts after the count, in order
    lead: int = 0  # the clause's start after words such as 其中, 另有
    numeral: Hit | None = None  # the numeral alone (340), the count's evidence
    scope: Scope | None = None  # the scope the sentence gives it
    scope_rank: int = 0
    event_lead: bool = False  # the phrase opened with the event (此次活动签约项目): what is left is no label
    own_place: bool = False  # the scope is a place named in the count's own clause (其中，甲县签约了…等9个项目)


@dataclass(frozen=True, slots=True)
class Opener:
    """A word that opens a breakdown: 其中 / 包括 / 分别是 (kind "part"), 从…看 / 按…分 (kind "dimension")."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A phrase pointing back at a batch without a count (本次开工项目…, 这些项目中, 已竣工的项目里)."""

    start: int
    end: int
    category: str | None  # the kind it names (开工), "" for several, None for none (这批项目)
    opens: bool  # followed by 里 / 中 / 看: the counts after it are its parts
    tail: str | None  # the word after its 项目 (里, 包括, 分为 …), None when none
    event: bool = False  # 本次 / 此次 …: the event's own batch


def _category_of(words: Words, verbs: list[re.Match[str]]) -> str:
    kinds = {words.category(m.group()) for m in verbs}
    return kinds.pop() if len(kinds) == 1 else ""


class MentionFinder:
    """Finds the mentions, openers and references of a sentence."""

    def __init__(self, words: Words, amounts: AmountReader, max_phrase: int = MAX_PHRASE,
                 place_at: Callable[[str, int, int], int] | None = None) -> None:
        self.max_phrase = max_phrase
        self.place_at = place_at  # end of the known place starting at a position (ScopeFinder.place_at)
        self._place_words = words.deictic_scopes + words.quan_scopes
        self.words = words
        self.amounts = amounts
        self.noun_after = re.compile(rf"[^,;:!?。\n()、]{{0,{_MAX_NOUN_AFTER}}}?项目")
        self.event_batch = re.compile(alternation(words.event_batch_words))
        self.cumulative = re.compile(alternation(words.cumulative_words))
        self.phrase_opener = re.compile(alternation(words.phrase_openers))
        self.reference_tail = re.compile(alternation(words.reference_tails))
        self.reference_word = re.compile("|".join(map(re.escape, words.reference_words)))
        # after a batch's noun, its parts follow: 27个项目已有12项开工, 123个项目中已有30个开工
        self.parts_after = re.compile(rf"(?P<tail>(?:当中|之中|中|里)?(?:已经有|已有|就有|有))(?=[\d{CN_DIGITS}])")
        self.count_adverbs = re.compile("(?:已经|已|均已|全部|实质性|正式|陆续|相继|率先|全面){1,3}")

    # --- verbs -----------------------------------------------------------------
    def verb_runs(self, text: str, start: int, end: int, context: bool = False) -> list[list[re.Match[str]]]:
        """Category verbs of ``text[start:end]``, grouped into runs written together (签约、开工; 开工复工).

        A weak verb (启动, 推介) counts only where no other verb does, and never in ``context``
        (another clause than the figure's)."""
        words = self.words
        matches = []
        for match in words.verb_pattern.finditer(text, start, end):
            if text.startswith(("率", "令"), match.end()):
                continue  # 开工率, 开工令: not the figure's kind
            blocked = words.not_before.get(words.category(match.group()))
            if blocked and text.startswith(blocked, match.end()):
                continue  # 启动仪式, 推介会: a noun
            matches.append(match)
        if any(m.group() in words.weak_verbs for m in matches):
            strong = [m for m in matches if m.group() not in words.weak_verbs]
            if strong or context:
                matches = strong
        runs: list[list[re.Match[str]]] = []
        for match in matches:
            if runs:
                gap = text[runs[-1][-1].end() : match.start()]
                if gap in ("", "、", "和", "及", "与", "或"):
                    runs[-1].append(match)
                    continue
            runs.append([match])
        return runs

    def _set_category(self, mention: Mention, run: list[re.Match[str]], context: bool = False) -> None:
        mention.category = _category_of(self.words, run)
        mention.kinds = frozenset().union(*(self.words.kinds(m.group()) for m in run))
        first, last = run[0], run[-1]
        mention.category_hit = Hit(self.text[first.start() : last.end()], first.start(), last.end())
        mention.context_category = context

    # --- the sentence ------------------------------------------------------------
    def find(self, text: str, sentence: tuple[int, int], counts: list[re.Match[str]]) -> list[Mention]:
        """The mentions among a sentence's count matches."""
        self.text = text
        found: list[Mention] = []
        floor = sentence[0]
        for match in counts:
            mention = self._mention(text, sentence, match, floor)
            if mention is not None:
                if mention.form == "glue":
                    self._sum_of(mention, found)
                found.append(mention)
                floor = mention.noun_end
                tail = self.parts_after.match(text, floor)
                if mention.reference and tail:
                    floor = tail.end("tail")
        return found

    @staticmethod
    def _sum_of(mention: Mention, before: list[Mention]) -> None:
        """A total glued to the figures before it in its sentence (签约项目12个、开工项目8个，合计20个)
        covers their kinds: several kinds give none."""
        parts: list[Mention] = []
        total = 0
        for other in reversed(before):
            if total >= mention.value or other.in_parens:
                break
            parts.append(other)
            total += other.value
        kinds = {p.category for p in parts}
        if total == mention.value and len(parts) > 1 and len(kinds) > 1:
            mention.category, mention.category_hit, mention.context_category = "", None, False
            mention.kinds = frozenset().union(*(p.kinds for p in parts))

    def _mention(self, text: str, sentence: tuple[int, int], match: re.Match[str], floor: int) -> Mention | None:
        start, end = match.span()
        numeral = match.group("num")
        previous = text[start - 1] if start > sentence[0] else ""
        if previous == "第" or previous == "." or (previous.isdecimal() and not numeral[0].isdecimal()):
            return None
        if numeral in _NOT_A_COUNT or (len(numeral) == 1 and numeral in "百千万"):
            return None
        value = parse_count(numeral)
        if value is None:
            return None
        clause = max(self._clause_start(text, start, sentence[0]), min(floor, start))
        in_parens = clause > sentence[0] and text[clause - 1] == "("
        low = max(sentence[0], start - _REACH)
        part = max(low, text.rfind(";", low, start) + 1) if low > sentence[0] else max(
            sentence[0], text.rfind(";", sentence[0], start) + 1)
        count = Hit(text[start:end], start, end)
        mention = self._noun_after(text, sentence, count, value, clause, part)
        if mention is None:
            mention = self._noun_before(text, sentence, count, value, clause, part)
        if mention is None:
            return None
        mention.in_parens = in_parens
        num_start, num_end = match.span("num")
        mention.numeral = Hit(text[num_start:num_end], num_start, num_end)
        mention.lead = self._strip_openers(text, clause, start)
        after_noun = text[mention.noun_end : mention.noun_end + 4] if mention.form == "noun_after" else ""
        mention.status = "已" in text[mention.lead : start] or (mention.direct_verb and "已" in after_noun)
        mention.event_batch = self.event_batch.search(text, low, start) is not None
        mention.cumulative = self.cumulative.search(text, low, start) is not None
        if mention.category is None:
            self._context_category(text, mention)
        return mention

    def _clause_start(self, text: str, pos: int, floor: int) -> int:
        """Where the clause holding ``pos`` starts, scanning back: a noun joined by 、 (能源、水利项目)
        and a parenthesis glued to a noun (社会事业项目(民生项目)) stay inside it."""
        low = max(floor, pos - self.max_phrase)
        i = pos
        while i > low:
            char = text[i - 1]
            if char in _STOPS:
                break
            if char == ")":
                opening = text.rfind("(", max(low, i - 14), i - 1)
                if opening > low and text.endswith("项目", 0, opening):
                    i = opening
                    continue
                break
            if char == "、":
                before = text[i - 2] if i >= 2 else ""
                if before.isdecimal() or before in "个项元%)":
                    break
            i -= 1
        return i

    def _strip_openers(self, text: str, start: int, end: int) -> int:
        """The clause's start after words such as 其中, 另有, 和; an opener that begins a known place
        is kept (和布克赛尔县, 和平区: the gazetteer decides)."""
        for _ in range(3):
            opener = self.phrase_opener.match(text, start, end)
            if opener is None or opener.end() >= end:
                break
            if self.place_at is not None and self.place_at(text, start, end) > opener.end():
                break
            start = opener.end()
        return start

    def _strip_event(self, text: str, start: int, end: int) -> int:
        """A phrase's start after the event (此次活动签约项目, 本次大会上签约的, 签约仪式上签约的, 会上签约项目)
        or 此次 before a place (此次乙市开工项目): the event is no label of a part, the place is a scope."""
        match = self.words.event_reference.match(text, start, end)
        if match is None or match.end() >= end:
            return start
        after = match.end()
        if (match.group("noun") or match.group("at") or text.startswith(self._place_words, after)
                or (self.place_at is not None and self.place_at(text, after, end) > after)):
            return after
        return start

    def _noun_after(self, text, sentence, count: Hit, value: int, clause: int, part: int) -> Mention | None:
        """87个亿元以上重大项目 / 17个项目在主会场签约 / 签约的35个项目里."""
        noun = self.noun_after.match(text, count.end, sentence[1])
        if noun is None or text.startswith("一批", count.end):
            return None
        if any(w in noun.group() for w in self.words.noun_stops):
            return None
        site = next((w for w in self.words.not_project_after if text.startswith(w, noun.end())), None)
        if site is not None and not self.words.verb_pattern.match(text, noun.end() + len(site)):
            return None  # 5个项目现场设分会场: counts sites (项目现场签约: signed on the spot)
        mention = Mention(value, count, "noun_after", sentence, clause, part, (count.end, noun.end()), noun.end())
        mention.reference = (text.startswith(("里", "中", "当中", "之中"), noun.end())
                             or self.parts_after.match(text, noun.end()) is not None)
        runs = self.verb_runs(text, count.end, noun.end())
        if not runs:
            runs = self.verb_runs(text, clause, count.start)[-1:]
        if not runs and not mention.reference:
            after = self.verb_runs(text, noun.end(), self._clause_end(text, noun.end(), sentence[1]))
            runs = after[:1]
            mention.direct_verb = bool(runs)  # 118个项目竣工投产: the verb says what these projects did
        if runs:
            self._set_category(mention, runs[0])
        amount, band, _ = self.amounts.before(text, count.start, clause)
        mention.amount_before = amount
        mention.band = band
        return mention

    def _verb_after(self, text: str, pos: int, stop: int) -> list[re.Match[str]] | None:
        """The verb run right after a count (30个开工, 12项已开工建设), past a few adverbs."""
        adverb = self.count_adverbs.match(text, pos)
        start = adverb.end() if adverb else pos
        runs = self.verb_runs(text, start, min(stop, start + 8))
        return runs[0] if runs and runs[0][0].start() == start else None

    def _clause_end(self, text: str, pos: int, stop: int) -> int:
        """Where the clause holding ``pos`` ends (a mark, or ``max_phrase`` characters on)."""
        stop = min(stop, pos + self.max_phrase)
        mark = _CLAUSE_MARK.search(text, pos, stop)
        return mark.start() if mark else stop

    def _strip_glue(self, text: str, start: int, end: int) -> tuple[int, bool]:
        glued = False
        for _ in range(3):
            word = ends_with_any(text, self.words.count_glue, start, end)
            if word is None:
                break
            end -= len(word)
            glued = True
        return end, glued

    def _count_ends_phrase(self, text: str, count: Hit, stop: int) -> bool:
        """After a group written before its count, the count ends the phrase (项目25个，/ 竣工77个。)."""
        if count.end >= stop:
            return True
        follower = text[count.end]
        if not ("\u4e00" <= follower <= "\u9fff"):
            return True
        return self.words.verb_pattern.match(text, count.end) is not None or text.startswith(
            self.words.count_followers, count.end
        )

    def _noun_before(self, text, sentence, count: Hit, value: int, clause: int, part: int) -> Mention | None:
        """签约项目340个 / 竣工77个 / 新开工的有23个 / 制造业12个 / 我市9个 / 两批共计698个."""
        if not self._count_ends_phrase(text, count, sentence[1]):
            return None
        opened = self._strip_openers(text, clause, count.start)
        start = self._strip_event(text, opened, count.start)
        runs = self.verb_runs(text, start, count.start)
        if runs and runs[-1][-1].end() == count.start:
            end, glued = count.start, False  # 集中签约48个: 约 ends the verb, it is no glue
        else:
            end, glued = self._strip_glue(text, start, count.start)
        words = self.words
        mention = None
        if text.endswith(("项目", "项目)", "项目”"), start, end):
            mention = Mention(value, count, "noun_before", sentence, clause, part, (start, end), count.end)
            runs = self.verb_runs(text, start, end)
            if not runs:
                runs = self.verb_runs(text, count.end, self._clause_end(text, count.end, sentence[1]))
            if runs:
                self._set_category(mention, runs[0])
        else:
            runs = self.verb_runs(text, start, end)
            last = runs[-1] if runs else None
            if last is not None and last[-1].end() == end:
                phrase = (start, last[0].start()) if last[0].start() > start else None
                mention = Mention(value, count, "verb", sentence, clause, part, phrase, count.end)
                self._set_category(mention, last)
                mention.direct_verb = True
            elif last is not None and end - 1 >= start and text[end - 1] == "的" and last[-1].end() == end - 1:
                mention = Mention(value, count, "kind", sentence, clause, part, None, count.end)
                self._set_category(mention, last)
            elif end > start and ends_with_any(text, words.group_heads, start, end) and not ends_with_any(
                text, words.not_group_heads, start, end
            ):
                mention = Mention(value, count, "group", sentence, clause, part, (start, end), count.end)
            elif end == start and (verb := self._verb_after(text, count.end, sentence[1])) is not None:
                mention = Mention(value, count, "verb_after", sentence, clause, part, None, count.end)
                self._set_category(mention, verb)  # (签约的42个项目中)已有30个开工
                mention.direct_verb = True
            elif glued and (end == start or _BATCH_WORD.fullmatch(text, start, end)):
                mention = Mention(value, count, "glue", sentence, clause, part, None, count.end)
            elif end > start and end - start <= 12:
                mention = Mention(value, count, "place", sentence, clause, part, (start, end), count.end)
        if mention is None:
            return None
        mention.event_lead = start > opened
        if mention.phrase is not None:
            self._cut_amount_before(text, mention)
        return mention

    def _cut_amount_before(self, text: str, mention: Mention) -> None:
        """有总投资1972亿元的产业项目69个: the amount is the figure's, the phrase starts after 的;
        投资超过10亿元的项目12个: a size band, the whole phrase is the segment."""
        start, end = mention.phrase
        pos = text.rfind("的", start, end)
        while pos >= start:
            amount, band, key_start = self.amounts.before(text, pos + 1, start)
            if band:
                mention.band = True
                return
            if amount is not None:
                mention.amount_before = amount
                mention.phrase = (pos + 1, end)
                return
            pos = text.rfind("的", start, pos)
        if self.amounts.band_in(text, start, end):
            mention.band = True

    def _context_category(self, text: str, mention: Mention) -> None:
        """A figure whose own words name no kind takes the nearest earlier verb of its sentence
        (…首批外资项目集中签约，62个项目…)."""
        low = max(mention.sentence[0], mention.clause_start - _REACH)
        runs = self.verb_runs(text, low, mention.clause_start, context=True)
        if runs and not self._aim(text, low, runs[-1][0].start()):
            self._set_category(mention, runs[-1], context=True)

    def _aim(self, text: str, floor: int, verb: int) -> bool:
        """True when the verb at ``verb`` is an aim of its clause (为推动项目早日落地)."""
        clause = max(floor, *(text.rfind(m, floor, verb) + 1 for m in ",;:"))
        return self.words.aim_pattern.search(text, clause, verb) is not None

    # --- breakdown words ------------------------------------------------------------
    def openers(self, text: str, sentence: tuple[int, int]) -> list[Opener]:
        """其中 / 包括 / 分别是 and 从…看 / 按…分 / …方面， in a sentence."""
        found = [Opener(m.start(), m.end(), "part") for m in self.words.breakdown_pattern.finditer(text, *sentence)]
        for match in self.words.dimension_pattern.finditer(text, *sentence):
            if match.start() == sentence[0] or text[match.start() - 1] in ",;:。":
                found.append(Opener(match.start(), match.end(), "dimension"))
        for suffix in self.words.dimension_suffixes:
            pos = text.find(suffix + ",", *sentence)
            while pos >= 0:
                found.append(Opener(pos, pos + len(suffix), "dimension"))
                pos = text.find(suffix + ",", pos + 1, sentence[1])
        return sorted(found, key=lambda o: o.start)

    def references(self, text: str, sentence: tuple[int, int]) -> list[Reference]:
        """Phrases ending in 项目 that point back at a batch already given, without a count."""
        found = []
        pos = text.find("项目", *sentence)
        while pos >= 0:
            end = pos + 2
            tail_match = self.reference_tail.match(text, end)
            tail = tail_match.group() if tail_match else None
            start = self._clause_start(text, pos, sentence[0])
            start = max(start, text.rfind("在", start, pos) + 1) if text.startswith("在", start) else start
            phrase = text[start:pos]
            has_count = any(ch.isdecimal() for ch in phrase) or "个" in phrase
            runs = self.verb_runs(text, start, pos)
            pointing = self.reference_word.search(phrase) is not None
            if not has_count and (pointing or runs) and end - start <= 16 and (tail or pointing):
                category = _category_of(self.words, runs[-1]) if runs else None
                opens = tail in ("里", "中", "当中", "之中", "看")
                event = any(w in phrase for w in self.words.event_batch_words)
                found.append(Reference(start, end + (len(tail) if tail else 0), category, opens, tail, event))
            pos = text.find("项目", end, sentence[1])
        return found
