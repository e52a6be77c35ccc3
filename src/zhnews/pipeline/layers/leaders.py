"""Leaders: officials named in the report, once each, with titles, actions and mentions.

Rules over the grammar of posts (``data/posts.toml``: [place…] LEVEL [BODY] [DEPARTMENT] POST,
compiled by ``lexicon``) and a surname gazetteer:
- a title stack and a name: 市委副书记、市长陈平, 县委常委、县政府常务副县长X, a stack that runs on
  over ， when no name followed its part; the name read by its boundary, or after a title as three
  characters (or four, for a minority name) when nothing else ends it (州委书记X下令…);
- a name and its title after it: 陈平市长, 陈平（市长）; a bare post and a verb: 张三主任出席;
- names in 、 lists introduced by 领导 / 有 / 还有, or closed by 等…领导 or an attendance verb in the
  clause: the items that are names are kept, the others dropped (…及有关部门负责同志); an item may
  be a titled name (副区长X), whose deputy or standing-committee posts the bare names after it
  share (区委常委、副区长甲、乙), or a post opening the next item's stack (区委常委、);
- one name after a leaders' word (区领导X，), and a bare name opening a clause with an
  attendance verb (陈金彪主持).
A title preceded by an organisation (…研究所党委书记, …分行党委书记) belongs to that
organisation's people, who are not leaders; neither are reporters, nor officials only cited
(张三关于…的重要讲话).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from zhnews import lexicon
from zhnews.evaluate import norm_name
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, get_ext, set_ext, text_of
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.names import NameFinder, at_boundary
from zhnews.serialize import serializable
from zhnews.text.scan import Intervals, is_han, last_match, occurrences

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_LIST_MARK = re.compile("、")
_DELIMITER = re.compile(r"[,.;:!?()“”。，；：！？（）\s]")
_MAX_ITEM = 14
# What closes a list of officials: its label (等市级领导, 等县领导, 等自治区领导) or, within the clause, an
# attendance verb (…分别在主会场参加, …一同出席, …陪同).
_LIST_CLOSE = re.compile(r"等[^\s,.;:!?()“”。，；：！？（）、]{0,8}?领导")
_VERB_WINDOW = 24  # how far after a list its attendance verb may come
_TOWN_LEVELS = frozenset("镇乡")
_MAX_STEM = 6  # a department's name between a place and its suffix (庐山 + 管理 + 局)
_NOT_IN_STEM = frozenset("省市州县区旗盟镇乡党政委、")
_ONE_CHAR_LEVELS = frozenset("省市州县区旗盟")
_FUNCTION_CHARS = frozenset("由在的和与及对向将把被从为是有了等")
_DIVISION = re.compile(r"第[一二三四五六七八九十]{1,3}师")  # a division of the production corps (第一师)
_NAME_TAGS = frozenset({None, "nr", "nrt", "nrfg"})
_CHAIN_COMMA = frozenset({"，", ","})
_CHAIN_MARKS = frozenset({"、", "兼"})  # 市委副书记、市长; 市委副书记兼秘书长
_NOT_NAME_END = tuple("市省县区州委局厅部办会司团所院校镇乡村")


class _Words(NamedTuple):
    leader_word: re.Pattern[str]  # 市领导, 我省领导同志
    attendance: re.Pattern[str]  # 出席, 参加, 陪同 ...
    introducer: re.Pattern[str]  # 还有, 包括 ... (and a colon)
    bare_post: re.Pattern[str]  # 书记, 主任, 主席 after a name
    clause_verb: re.Pattern[str]  # 主持, 出席 ... after a bare name
    cited: re.Pattern[str]  # 关于, 重要讲话 ... after a cited name


@lexicon.compiled
def words(lex: lexicon.Lexicon) -> _Words:
    """The word lists of ``data/leaders.toml``, compiled once per lexicon."""
    data = lex.toml("leaders.toml")
    alternation = lexicon.word_pattern  # longest first
    word = data["leader_word"]
    # [prefix] 领导 [suffix], the prefixed words spelt out: an alternation of literals lets the engine
    # skip to their first characters in C (an optional opening group tries every position: 6x slower)
    leaders = alternation([prefix + word for prefix in data["leader_prefixes"]] + [word]).pattern
    suffixes = alternation(data["leader_suffixes"]).pattern
    return _Words(
        leader_word=re.compile(f"(?:{leaders})(?:{suffixes})?"),
        attendance=alternation(data["attendance_verbs"]),
        introducer=re.compile(f"(?:{alternation(data['introducers']).pattern})[:：]?"),
        bare_post=alternation(data["bare_posts"]),
        clause_verb=alternation(data["clause_verbs"]),
        cited=re.compile(f"(?:同志)?(?:{alternation(data['cited_after']).pattern})"),
    )



@serializable
@dataclass(slots=True)
class LeaderHit:
    name: str
    mentions: list[Hit] = field(default_factory=list)
    titles: list[Hit] = field(default_factory=list)
    actions: list[Hit] = field(default_factory=list)


def _plain_words(tags: dict[str, str], piece: str) -> bool:
    """True when ``piece`` splits wholly into dictionary words of two or more characters that are
    not names (装备 + 制造, 生物 + 医药)."""
    ends = {0}
    for end in range(2, len(piece) + 1):
        if any(start in ends and tags.get(piece[start:end]) not in _NAME_TAGS for start in range(end - 1)):
            ends.add(end)
    return len(piece) in ends


def _verb_follows(text: str, pos: int) -> bool:
    """True when an attendance verb follows ``pos`` within its clause (…分别在主会场参加, …一同出席)."""
    stop = min(len(text), pos + _VERB_WINDOW)
    delimiter = _DELIMITER.search(text, pos, stop)
    return words().attendance.search(text, pos, delimiter.start() if delimiter else stop) is not None


def _item_end(text: str, start: int) -> int:
    """Where a list item that is no name ends: at a delimiter, 等 or 及, at most ``_MAX_ITEM`` on."""
    stop = min(len(text), start + _MAX_ITEM)
    end = start
    while end < stop and is_han(text[end]) and text[end] not in "等及和":
        end += 1
    return end


_SHARED_POST = re.compile(r"副|常委(?!会)|委员(?![会长])")  # not 人大常委会主任, 委员长


class _Item(NamedTuple):
    """A name in a 、 list: where it is, and its own titles when a title stands before it in the list."""

    start: int
    end: int
    titles: list[Hit] | None = None


def _shared_title(title: str) -> bool:
    """True for a post several people hold, which a titled name's bare list-mates share
    (副区长甲、乙; 区委常委、副区长甲、乙), unlike 市委书记甲、乙."""
    return _SHARED_POST.search(title) is not None


def _level_inside_place(lex, text: str, start: int) -> bool:
    """True when the level character at ``start`` is the last of a known place whose name without it
    is none (杭州 + 分院: 州 is 杭州's; 湘西州 + 委 and 郑州市 + 委 keep theirs)."""
    return (len(text[start]) == 1 and text[start] in _ONE_CHAR_LEVELS
            and lex.place_before(text, start + 1) < start and lex.place_before(text, start) == start)


def _place_department(lex, text: str, suffix: int) -> int | None:
    """Start of a place + department name ending at the department suffix at ``suffix`` (庐山 +
    管理 + 局): the nearest known place that ends at most ``_MAX_STEM`` characters before it, with no
    level or party character between, after a delimiter or a function word; None if there is none."""
    for q in range(suffix, max(0, suffix - _MAX_STEM) - 1, -1):
        if q < suffix and not (is_han(text[q]) and text[q] not in _NOT_IN_STEM):
            return None
        place = lex.place_before(text, q)
        if place < q:
            if place == 0 or not is_han(text[place - 1]) or text[place - 1] in _FUNCTION_CHARS:
                return place
            return None
    return None


def _town_before(lex, text: str, level: int) -> int:
    """Start of a town's name before its 镇/乡 at ``level`` (郑宅 + 镇): two or three characters
    after a delimiter or after a known place (浦江县 + 郑宅镇), with no function word in them
    (仪式由 + 镇人大主席 is no town); ``level`` when none is found."""
    for length in (2, 3):
        start = level - length
        if start < 0 or not all(is_han(c) and c not in _FUNCTION_CHARS for c in text[start:level]):
            break
        if start == 0 or not is_han(text[start - 1]) or lex.place_before(text, start) < start:
            return start
    return level


class LeadersLayer(Layer):
    """Find the officials of a report."""

    name = "zhnews_leaders"
    field = "leaders"
    record_field = "leaders"
    order = 50
    reads = ("prepared", "reporters", "organizations")
    span_keys = {"mentions": "zhnews_leaders", "titles": "zhnews_titles"}
    default_config = {"max_list_items": 60}
    eval_fields = ("leaders", "leader_titles")
    tables = (Table("leaders", (
        Column("doc_id", "string"), Column("position", "int", "order of first mention, from 0"),
        Column("name", "string"), Column("titles", "strings", "the posts as written"),
        Column("actions", "strings", "出席, 讲话 ... after the mentions"), Column("mentions", "int"),
    ), "officials named in each report"),)

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
        chain_named = False  # whether the chain so far was followed by a name
        for start, end, continued in self._titles(lex, text):
            if text.endswith(lex.org_suffixes, 0, start):
                chain = []
                continue  # an organisation's post: …协会秘书长
            title = Hit(text[start:end], start, end)
            between = text[chain[-1].end : start] if chain else None
            if between in _CHAIN_MARKS or (between in _CHAIN_COMMA and not chain_named and not continued):
                chain.append(title)  # 县委常委、县政府常务副县长; 市委副书记、常务副市长，援藏工作队领队 + name
            elif continued:
                continue  # 局长 alone, not after another title
            else:
                chain = [title]
            chain_named = False
            if chain[0].start in org_ends:
                continue  # an organisation's post: …研究所党委书记
            named = names.name_at(end, titled=True)
            if named and not words().cited.match(text, named[1]):
                add(*named, chain)
                titled[named[0]] = list(chain)
                chain_named = True
            elif not named:
                self._name_before(names, text, chain[0], add)
        # 2. Names in 、 lists.
        for marks in self._runs(text):
            self._list(names, text, marks, add, titled)
        # 3. One name after a leaders' word (区领导杨正华，…): a list of one.
        for lead in words().leader_word.finditer(text):
            if lead.group().startswith("领导"):
                continue  # 领导 alone (领导干部, 领导小组): no level says whose leaders
            named = names.name_at(lead.end())
            if named and names.looks_like_name(*named) and text[named[1] : named[1] + 1] != "、":
                add(*named, [])
        # 4. A name with a bare post after it, then what an official does (曾佑光书记强调, 张三主任出席):
        # an official, the post no title of its own (it names no body).
        for post in words().bare_post.finditer(text):
            if at_boundary(text, post.end()) and not text.startswith("的", post.end()):
                self._name_ending(names, text, post.start(), add)
        # 5. A bare name opening a clause with an attendance verb (陈金彪主持).
        for verb in words().clause_verb.finditer(text):
            self._name_ending(names, text, verb.start(), add)
        leaders = sorted(found.values(), key=lambda leader: first_seen[leader.name])
        self._mentions(text, leaders, excluded, lex.action_pattern)
        set_ext(doc, "zhnews_leaders", leaders)
        spans = [(m.start, m.end, "LEADER") for leader in leaders for m in leader.mentions]
        doc = self.put_spans(doc, "mentions", spans)
        titles = sorted({(t.start, t.end) for leader in leaders for t in leader.titles})
        doc = self.put_spans(doc, "titles", [(a, b, "TITLE") for a, b in titles])
        return doc

    def _titles(self, lex, text: str) -> list[tuple[int, int, bool]]:
        """Every title as (start, end, continues a stack only), in text order: the grammar's matches
        with their prefixes, and a department's post after a place without a level word
        (庐山 + 管理局局长), where no match of the grammar covers it."""
        titles = []
        for match in lex.title_pattern.finditer(text):
            if match.group("continued"):  # 、 + 局长: the 、 (or 兼) is the match's first character
                titles.append((match.start("continued"), match.end(), True))
            elif not _level_inside_place(lex, text, match.start()):  # 杭州 + 分院院长: 州 is the place's
                titles.append((self._title_start(lex, text, match), match.end(), False))
        covered = Intervals([(a, b) for a, b, _ in titles])
        extra = []
        for match in lex.department_post_pattern.finditer(text):
            start = _place_department(lex, text, match.start())
            if start is not None and not covered.overlaps(start, match.end()):
                extra.append((start, match.end(), False))
        if extra:
            titles = sorted(titles + extra)
        return titles

    @staticmethod
    def _title_start(lex, text: str, match: re.Match[str]) -> int:
        """Where a title starts once the names before its level word are added, as written: a zone
        (滁州经开区 + 管委会主任), a town (郑宅 + 镇党委书记), places (河南省 + 郑州 + 市委书记), a
        division (第一师 + 阿拉尔市…), 中共 — at most three such parts."""
        start = match.start()
        if text[start] == "中":
            return start  # 中共…, 中央…: nothing before it belongs to the title
        if text[start] == "区":
            zone_start = lex.zone_before(text, start + 1)
            if zone_start <= start:
                return zone_start
        elif text[start] in _TOWN_LEVELS:
            start = _town_before(lex, text, start)
        for _ in range(3):
            if text.endswith("中共", 0, start):
                return start - 2
            before = lex.place_before(text, start)
            if before == start:
                division = _DIVISION.search(text, max(0, start - 5), start)
                before = division.start() if division and division.end() == start else start
            if before == start:
                break
            start = before
        return start

    @staticmethod
    def _name_ending(names: NameFinder, text: str, end: int, add) -> None:
        """The name that ends at ``end`` and starts after a non-Chinese character, if any."""
        for length in (3, 2, 4):
            start = end - length
            if start < 0 or (start > 0 and is_han(text[start - 1])):
                continue
            if names.looks_like_name(start, end) and names.name_at(start) == (start, end):
                add(start, end, [])
                return

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
        """Names in a 、 list, when its context says they are officials. An item that is no name
        (a post without a name, an odd word) is dropped; the others are kept."""
        if len(marks) + 1 > self.max_list_items:
            return
        # Cheap tests first: most 、 lists are not names (签约、开工、投产).
        if marks[0] == 0 or marks[-1] + 1 >= len(text):
            return
        before_first, after_last = text[marks[0] - 1], text[marks[-1] + 1]
        if not (is_han(before_first) and is_han(after_last)):
            return  # the first item must end and the last begin with a name's character
        if not any(names.may_start_name(m + 1) for m in marks[:3]):
            return  # none of the first items after a 、 can be a name
        middle = [(a + 1, b) for a, b in zip(marks, marks[1:], strict=False)]
        last = names.name_at(marks[-1] + 1, marks[-1] + 1 + _MAX_ITEM)
        if last is not None and not self._item_name(names, text, *last):
            last = None
        last_end = last[1] if last else _item_end(text, marks[-1] + 1)
        first_end = marks[0]
        floor = max(0, first_end - _MAX_ITEM)
        delimiter = last_match(_DELIMITER.finditer(text, floor, first_end))
        first_start = delimiter.end() if delimiter else floor
        lead = last_match(words().leader_word.finditer(text, first_start, first_end))
        led = False
        named = next(
            ((s, titled[s]) for s in range(first_start, first_end)
             if s in titled and names.looks_like_name(s, first_end)),
            None,
        )
        if named:
            first_start, led = named[0], True
        elif lead is not None and lead.end() < first_end:
            first_start, led = lead.end(), True
        elif words().leader_word.search(text, max(0, first_start - 10), first_start):
            led = True  # 出席活动的领导有：张三、李四
        else:
            introduced = self._introduced_name(names, text, first_start, first_end)
            if introduced is not None:
                first_start, led = introduced
        if named:
            items: list[_Item | None] = [_Item(named[0], first_end, named[1])]
        else:
            items = [self._list_item(names, text, first_start, first_end, titled)]
        items += [self._list_item(names, text, a, b, titled) for a, b in middle]
        if last is not None:
            items.append(_Item(*last))
        else:
            items.append(self._list_item(names, text, marks[-1] + 1, last_end, titled, last=True))
            last_end = items[-1].end if items[-1] is not None else last_end
        items = [item for item in items if item is None or item.end > item.start]  # a post of a stack: not counted
        people = [item for item in items if item is not None]
        if len(people) < 2 or 2 * len(people) < len(items):
            return  # a list of names keeps its odd item; a list of other things is no list of names
        led = led or any(item.titles is not None for item in people)
        if not (led or _LIST_CLOSE.match(text, last_end) or _verb_follows(text, last_end)):
            return
        shared: list[Hit] = []
        for item in people:
            if item.titles is not None:  # a titled name: its own titles, which the bare names after it share
                shared = item.titles if all(_shared_title(t.text) for t in item.titles) else []
            add(item.start, item.end, item.titles or shared)

    def _list_item(self, names: NameFinder, text: str, start: int, end: int, titled: dict[int, list[Hit]],
                   last: bool = False) -> _Item | None:
        """One item of a 、 list: a bare name, a titled name (副区长X: found by the title pass or read
        here), a post alone that opens the next item's stack (区委常委、副区长X: an empty item), or None
        (no name). ``last``: the item's end is where its name ends."""
        if self._item_name(names, text, start, end):
            return _Item(start, end)
        titled_at = next((s for s in range(start, end) if s in titled), None)
        if titled_at is not None and (last or names.looks_like_name(titled_at, end)):
            named = names.name_at(titled_at) if last else (titled_at, end)
            if named is not None:
                return _Item(*named, titled[titled_at])
        title = self._title_at(text, start)
        if title is None:
            return None
        if title.end == end and not last:
            return _Item(end, end)  # 区委常委、: a post continued by the next item
        named = names.name_at(title.end, None if last else end, titled=True)
        if named is not None and (last or named[1] == end) and not words().cited.match(text, named[1]):
            return _Item(*named, [title])
        return None

    @staticmethod
    def _title_at(text: str, start: int) -> Hit | None:
        """The title that opens a list item at ``start`` (after its 、: 副区长, 党委副书记), or None."""
        lex = lexicon.load()
        match = lex.title_pattern.match(text, start - 1) if text[start - 1 : start] == "、" else None
        if match is None or not match.group("continued"):
            match = lex.title_pattern.match(text, start)
            if match is None or match.group("continued"):
                return None
            return Hit(match.group(), start, match.end())
        return Hit(match.group("continued"), start, match.end())

    def _introduced_name(self, names: NameFinder, text: str, floor: int, end: int) -> tuple[int, bool] | None:
        """A first item introduced by 有/还有/包括 (出席的还有张三、…): where its name starts, and
        whether the introduction names attendance (出席, 参加, 陪同 …)."""
        for length in (3, 2, 4):
            start = end - length
            if start <= floor or not names.looks_like_name(start, end):
                continue
            intro = words().introducer.search(text, max(floor, start - 4), start)
            if intro is not None and intro.end() == start:
                attended = words().attendance.search(text, max(0, intro.start() - 12), intro.start()) is not None
                return start, attended
        return None

    def _item_name(self, names: NameFinder, text: str, start: int, end: int) -> bool:
        """True when a list item text[start:end] is a name: a bare name, or two to five characters
        that are neither a dictionary word nor made of dictionary words, with no post or place
        ending (巴图吉雅, 宝音图, 乌兰其其格; not 装备制造, 有关部门)."""
        if self._bare_name(names, text, start, end):
            return True
        if not 2 <= end - start <= 5 or text[end - 1] in _NOT_NAME_END:
            return False
        if lexicon.load().title_pattern.match(text, start):
            return False  # 副市长张海: a post and a name, not one name
        piece = text[start:end]
        tags = names.tags
        return (all(is_han(c) for c in piece) and tags.get(piece) in _NAME_TAGS
                and tags.get(piece[-2:]) in _NAME_TAGS and not _plain_words(tags, piece))

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

    @classmethod
    def to_record(cls, leaders: list[LeaderHit], context: RecordContext) -> list[dict[str, Any]]:
        out = []
        for leader in leaders:
            if not leader.mentions:
                continue
            titles = [context.evidence(t) for t in leader.titles]
            out.append({
                "name": context.value(leader.mentions[0]),
                "titles": list(dict.fromkeys(t["text"] for t in titles)),
                "title_evidence": titles,
                "actions": [context.evidence(a) for a in leader.actions],
                "mentions": [context.span(m) for m in leader.mentions],
            })
        return out

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        out: list[Mark] = []
        for leader in record.leaders:
            posts = "、".join(leader.titles) or "no title"
            out.extend(Mark(*m, "leader", f"leader {leader.name} — {posts}") for m in leader.mentions)
            out.extend(Mark(*t.span, "title", f"title of {leader.name}: {t.text}") for t in leader.title_evidence)
        return out

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        return {"leaders": [{
            "doc_id": record["doc_id"], "position": i, "name": x["name"], "titles": x.get("titles") or [],
            "actions": [a["text"] for a in x.get("actions") or []], "mentions": len(x.get("mentions") or []),
        } for i, x in enumerate(record.get("leaders") or [])]}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        leaders = record.get("leaders") or []
        if field == "leaders":
            return [(norm_name(x["name"]),) for x in leaders]
        return [(norm_name(x["name"]), norm_name(t)) for x in leaders for t in x.get("titles") or []]
