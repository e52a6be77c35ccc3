"""Leaders: officials named in the report, once each, with titles, actions and mentions.

Rules over a post gazetteer (``data/posts.toml``) and a surname gazetteer:
- a title chain and a name: 市委副书记、市长陈平, 河南省委常委、郑州市委书记安伟;
- a name and its title after it: 陈平市长, 陈平（市长）;
- names in 、 lists after 领导 or before 等…领导 / 出席 / 参加:
  穆为民、周霁、徐立毅在主会场出席;
- a bare name opening a clause with an attendance verb: 陈金彪主持.
A title preceded by an organisation (…研究所党委书记) belongs to that
organisation's people, who are not leaders; neither are reporters.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractor import lexicon
from extractor.components.base import BatchedComponent, get_ext, set_ext, text_of
from extractor.hits import Hit, LeaderHit
from extractor.names import NameFinder, at_boundary
from extractor.spans import set_span_group
from extractor.textutil import Intervals, is_han, last_match, occurrences

_LIST_MARK = re.compile("、")
_DELIMITER = re.compile(r"[,.;:!?()“”。，；：！？（）\s]")
_MAX_ITEM = 14
_LEADER_WORD = re.compile(r"(?:省|市|州|县|区|镇|乡|盟|旗|我省|我市|我州|我县|我区|本市|本省)?领导(?:同志)?")
_LIST_AFTER = re.compile(r"等?(?:省|市|州|县|区|镇|乡)?领导|等?(?:在[^。,，;；]{1,20}?)?(?:出席|参加|主持|陪同|见证)")
_CLAUSE_VERB = re.compile(r"(?:主持|出席|讲话|致辞|宣布)")
_NOT_NAME_END = tuple("市省县区州委局厅部办会司团所院校镇乡村")


class LeadersComponent(BatchedComponent):
    """Find the officials of a report."""

    def __init__(self, max_list_items: int) -> None:
        self.max_list_items = max_list_items

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        lex = lexicon.load()
        names = NameFinder(text)
        reporter_spans = [(r.name.start, r.name.end) for r in get_ext(doc, "zhnews_reporters") or []]
        organizations = get_ext(doc, "zhnews_organizations") or []
        org_ends = {h.end for h in organizations}
        org_spans = [(h.start, h.end) for h in organizations]
        excluded = Intervals(reporter_spans + org_spans)
        found: dict[str, LeaderHit] = {}
        first_seen: dict[str, int] = {}
        titled: dict[int, list[Hit]] = {}  # where a titled name starts -> its title chain

        def add(start: int, end: int, titles: list[Hit]) -> None:
            if excluded.overlaps(start, end):
                return
            name = text[start:end]
            leader = found.get(name)
            if leader is None:
                leader = found[name] = LeaderHit(name)
                first_seen[name] = start
            elif start < first_seen[name]:
                first_seen[name] = start
            for title in titles:
                if all(t.text != title.text for t in leader.titles):
                    leader.titles.append(title)

        # 1. Title chains followed (or preceded) by a name.
        chain: list[Hit] = []
        for match in lex.title_pattern.finditer(text):
            start = self._title_start(lex, text, match)
            if text.endswith(lex.org_suffixes, 0, start):
                chain = []
                continue  # an organisation's post: …协会秘书长
            title = Hit(text[start : match.end()], start, match.end())
            if chain and text[chain[-1].end : start] == "、":
                chain.append(title)
            elif match.group("continued"):
                continue  # 局长 alone, not after another title
            else:
                chain = [title]
            if chain[0].start in org_ends:
                continue  # an organisation's post: …研究所党委书记
            named = names.name_at(match.end())
            if named:
                add(*named, chain)
                titled[named[0]] = list(chain)
            else:
                self._name_before(names, text, chain[0], add)
        # 2. Names in 、 lists.
        for marks in self._runs(text):
            self._list(names, text, marks, add, titled)
        # 3. A bare name opening a clause with an attendance verb (陈金彪主持).
        for verb in _CLAUSE_VERB.finditer(text):
            for length in (3, 2, 4):
                start = verb.start() - length
                if start < 0 or (start > 0 and is_han(text[start - 1])):
                    continue
                if names.looks_like_name(start, verb.start()) and names.name_at(start) == (start, verb.start()):
                    add(start, verb.start(), [])
                    break
        leaders = sorted(found.values(), key=lambda leader: first_seen[leader.name])
        self._mentions(text, leaders, excluded, lex.action_pattern)
        set_ext(doc, "zhnews_leaders", leaders)
        spans = [(m.start, m.end, "LEADER") for leader in leaders for m in leader.mentions]
        doc = set_span_group(doc, "zhnews_leaders", spans)
        titles = sorted({(t.start, t.end) for leader in leaders for t in leader.titles})
        doc = set_span_group(doc, "zhnews_titles", [(a, b, "TITLE") for a, b in titles])
        return doc

    @staticmethod
    def _title_start(lex, text: str, match: re.Match[str]) -> int:
        """Where a title starts once its place (郑州 + 市委书记) or zone (广州开发区 + 党工委书记) is added."""
        start = match.start()
        if text[start] == "区":
            zone_start = lex.zone_before(text, start + 1)
            if zone_start <= start:
                return zone_start
        return lex.place_before(text, start) if text[start] != "中" else start

    def _name_before(self, names: NameFinder, text: str, title: Hit, add) -> None:
        """A title after a name: 陈平市长…, 陈平（市长）."""
        end = title.start
        if end > 0 and text[end - 1] == "(":
            end -= 1
        for length in (3, 2, 4):
            start = end - length
            if start < 0 or (start > 0 and is_han(text[start - 1])):
                continue
            if names.looks_like_name(start, end) and names.name_at(start) == (start, end):
                if at_boundary(text, title.end) or text[title.end : title.end + 1] == ")":
                    add(start, end, [title])
                return

    @staticmethod
    def _runs(text: str) -> list[list[int]]:
        """Positions of the 、 of each list: consecutive 、 with a short item and no delimiter between."""
        runs: list[list[int]] = []
        current: list[int] = []
        for match in _LIST_MARK.finditer(text):
            pos = match.start()
            if current and (pos - current[-1] - 1 > _MAX_ITEM or _DELIMITER.search(text, current[-1] + 1, pos)):
                runs.append(current)
                current = []
            current.append(pos)
        if current:
            runs.append(current)
        return runs

    def _list(self, names: NameFinder, text: str, marks: list[int], add, titled: dict[int, list[Hit]]) -> None:
        """Names in a 、 list, when its context says they are officials."""
        if len(marks) + 1 > self.max_list_items:
            return
        # Cheap tests first: most 、 lists are not names (签约、开工、投产).
        if marks[0] == 0 or marks[-1] + 1 >= len(text):
            return
        before_first, after_last = text[marks[0] - 1], text[marks[-1] + 1]
        if before_first in _NOT_NAME_END or not (is_han(before_first) and is_han(after_last)):
            return  # the first item must end and the last begin with a name's character
        if not names.may_start_name(marks[0] + 1):
            return  # the item after the first 、 can be no name
        middle = [(a + 1, b) for a, b in zip(marks, marks[1:], strict=False)]
        for start, end in middle:
            if not self._bare_name(names, text, start, end):
                return
        last = names.name_at(marks[-1] + 1, marks[-1] + 1 + _MAX_ITEM)
        if last is None or not self._bare_name(names, text, *last):
            return
        first_end = marks[0]
        floor = max(0, first_end - _MAX_ITEM)
        delimiter = last_match(_DELIMITER.finditer(text, floor, first_end))
        first_start = delimiter.end() if delimiter else floor
        lead = last_match(_LEADER_WORD.finditer(text, first_start, first_end))
        shared: list[Hit] = []
        led = False
        named = next(
            ((s, titled[s]) for s in range(first_start, first_end)
             if s in titled and names.looks_like_name(s, first_end)),
            None,
        )
        if named:
            first_start, led = named[0], True
            if all(t.text.startswith("副") or "常委" in t.text or "委员" in t.text for t in named[1]):
                shared = named[1]
        elif lead is not None and lead.end() < first_end:
            first_start, led = lead.end(), True
        elif _LEADER_WORD.search(text, max(0, first_start - 10), first_start):
            led = True  # 出席活动的领导有：张三、李四
        if not self._bare_name(names, text, first_start, first_end):
            return
        if not (led or _LIST_AFTER.match(text, last[1])):
            return
        for start, end in [(first_start, first_end), *middle, last]:
            add(start, end, shared if start != first_start or not named else [])

    @staticmethod
    def _bare_name(names: NameFinder, text: str, start: int, end: int) -> bool:
        return text[end - 1 : end] not in _NOT_NAME_END and names.looks_like_name(start, end)

    def _mentions(self, text: str, leaders: list[LeaderHit], excluded: Intervals, actions: re.Pattern[str]) -> None:
        """Every mention of each leader, and the action verb that follows each."""
        if not leaders:
            return
        taken_until = 0
        # One scan for all the names (an automaton when there are many), longer names first at a start.
        for start, end, i in occurrences(text, [leader.name for leader in leaders]):
            leader = leaders[i]
            if start < taken_until or excluded.overlaps(start, end):
                continue  # inside a longer name (王凯 within 王凯华), a reporter or an organisation
            taken_until = end
            leader.mentions.append(Hit(leader.name, start, end))
            action = actions.match(text, end)
            if action:
                leader.actions.append(Hit(action.group(), action.start(), action.end()))


@Language.factory(
    "zhnews_leaders",
    requires=["doc._.zhnews_reporters", "doc._.zhnews_organizations"],
    assigns=["doc._.zhnews_leaders", "doc.spans"],
    default_config={"max_list_items": 60},
)
def make_leaders(nlp: Language, name: str, max_list_items: int) -> LeadersComponent:
    """Factory of the leaders layer."""
    return LeadersComponent(max_list_items)
