"""Reporters: bylined journalists with their outlet and role.

A byline is a bracket or a short line of roles, credit labels and names:
（记者 王民峰）, （记者张乐克、通讯员雷鹏程）, 河南日报记者 李 铮 冯 芸, 作者：X Y,
来源：… 作者：记者X 通讯员Y 编辑：Z, 文/X 图/Y, （X/文 Y/图）, 本网记者X、Y报道：…, and a
bracket of bare names after a dateline (…3月1日电（X）) or closing a paragraph (…。（X Y）).
Names credited for pictures (图/X, X/图, X 摄, 摄影：X) or for editing (编辑, 责任编辑, 审核 …)
are not reporters. Typesetting spaces pad two-character names (李 铮), so single characters
are paired back into names. The credit words are data (``data/bylines.toml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from zhnews import lexicon
from zhnews.evaluate import norm_name
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, gaps_of, sentence_index, set_ext, text_of
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.names import NameFinder
from zhnews.serialize import serializable
from zhnews.text.scan import is_han

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_BRACKET = re.compile(r"[(（\[【]([^()（）\[\]【】\n]{2,80})[)）\]】]")
_SEPARATORS = re.compile(r"[、,，;；:：/／|\s]+")
_OUTLET_END = re.compile(
    r"(?:报|台|网|社|刊|客户端|在线|新闻|中心|频道|卫视|电视台|广播电视台|传媒|融媒|APP|app)$"
)
_SENTENCE_CLOSE = "。!?！？”\"」』…"
_MAX_LEAD_BYLINE = 40  # the longest 本网记者X、Y报道： that opens a paragraph
_LEAD_BYLINE_END = re.compile(r"报道[:：]")
_DATELINE_END = re.compile(r"讯|电|消息")
_CLAUSE_MARK = re.compile(r"[,，。;；:：(（]")
_MAX_INLINE_PIECES = 10  # the most pieces tried for an unbracketed byline in the lead
_MAX_DATELINE = 40  # how far into its line the bracket of bare names after a dateline may start
_MAX_QUALIFIERS = 3  # qualifiers before a role (融媒 + 首席 + 记者)
_LEVEL_CHARS = frozenset("省市州县区旗盟镇乡")
_MAX_UNKNOWN_OUTLET = 8
_FUNCTION_CHARS = frozenset("的了在是和与及向对把被将为从给让等接受据")


@serializable
@dataclass(slots=True)
class ReporterHit:
    name: Hit
    role: str
    outlet: str | None


class _Piece(NamedTuple):
    start: int
    end: int
    before: str  # the separator before the piece ("" after a typesetting gap or at the start)
    after: str  # the separator after it


@dataclass(frozen=True)
class _Credits:
    """The credit words of ``data/bylines.toml``."""

    writer: frozenset[str]
    photo: frozenset[str]
    editor: frozenset[str]
    keep_trailers: tuple[str, ...]
    photo_trailers: tuple[str, ...]
    dateline_ends: tuple[str, ...]
    label: re.Pattern[str]  # a label followed by its colon or slash (作者：, 文/, 编辑：)
    qualifiers: tuple[str, ...]  # what may qualify a role before it (广电, 首席, 融媒 …), longest first
    qualified_role: re.Pattern[str]  # [qualifier …] ROLE from the start of a piece (全媒体首席记者)
    own_outlets: frozenset[str]  # 本报, 本台 ...
    bare_roles: frozenset[str]  # roles with no qualifier (记者, 通讯员)
    spaced_words: frozenset[str]  # every label and role, as a label printed with typesetting spaces may be


@lexicon.compiled
def credits(lex: lexicon.Lexicon) -> _Credits:
    """The word lists of ``data/bylines.toml``, compiled once per lexicon."""
    data = lex.toml("bylines.toml")
    labels = data["writer_labels"] + data["photo_labels"] + data["editor_labels"]
    longest_first = sorted(set(labels), key=len, reverse=True)
    return _Credits(
        writer=frozenset(data["writer_labels"]),
        photo=frozenset(data["photo_labels"]),
        editor=frozenset(data["editor_labels"]),
        keep_trailers=tuple(sorted(data["keep_trailers"], key=len, reverse=True)),
        photo_trailers=tuple(sorted(data["photo_trailers"], key=len, reverse=True)),
        dateline_ends=tuple(data["dateline_ends"]),
        label=re.compile(f"(?:{'|'.join(map(re.escape, longest_first))})[:：/／]"),
        qualifiers=tuple(sorted(data["role_qualifiers"], key=len, reverse=True)),
        qualified_role=re.compile(
            f"(?:{lexicon.word_pattern(data['role_qualifiers']).pattern}){{0,{_MAX_QUALIFIERS}}}"
            f"(?:{lex.role_pattern.pattern})"
        ),
        own_outlets=frozenset(data["own_outlets"]),
        bare_roles=frozenset(data["bare_roles"]),
        spaced_words=frozenset(labels) | frozenset(lex.roles),
    )


def _pieces(doc: Doc, start: int, end: int) -> list[_Piece]:
    """Split [start, end) at separators and at removed typesetting spaces, keeping the separators."""
    gaps = gaps_of(doc)
    text = text_of(doc)
    spans: list[tuple[int, int, str]] = []  # (start, end, separator after)
    cursor = start
    for match in _SEPARATORS.finditer(text, start, end):
        spans.append((cursor, match.start(), match.group().strip()[:1] or " "))
        cursor = match.end()
    spans.append((cursor, end, ""))
    out: list[_Piece] = []
    before = ""
    for a, b, after in spans:
        if b <= a:
            before = after or before
            continue
        cuts = [a, *(i for i in range(a + 1, b) if i in gaps), b]
        for k in range(len(cuts) - 1):
            last = k == len(cuts) - 2
            out.append(_Piece(cuts[k], cuts[k + 1], before if k == 0 else "", after if last else ""))
        before = after
    return out


def _is_outlet(piece: str, lex: lexicon.Lexicon) -> bool:
    """True for an outlet's name standing alone in a byline (浙江卫视, 台州台, 某某融媒体中心)."""
    found = _OUTLET_END.search(piece)
    if found is None or len(piece) < 3:
        return False
    return len(found.group()) >= 2 or len(piece) >= 5 or piece[: found.start()] in lex.places


class _Parser:
    """One byline's state while its pieces are read left to right."""

    def __init__(self, doc: Doc, names: NameFinder, *, strict_names: bool) -> None:
        self.text = text_of(doc)
        self.lex = lexicon.load()
        self.credits = credits()
        self.names = names
        self.strict_names = strict_names  # every name must read as a person's name (lines, bare brackets)
        self.reporters: list[ReporterHit] = []
        self.role: str | None = None
        self.outlet: str | None = None
        self.next_outlet: str | None = None
        self.mode: str | None = None  # "keep": names are reporters; "drop": photo or editor credit
        self.labelled = False  # a role or a credit label was seen
        self.pending: list[tuple[int, int]] = []  # name pieces waiting for their credit
        self.photo_label = False  # the last label credits pictures and no name has followed it yet

    def _names(self) -> list[tuple[int, int]] | None:
        """The pending pieces as names (single characters paired), or None when they do not pair."""
        out: list[tuple[int, int]] = []
        singles: list[tuple[int, int]] = []
        for a, b in [*self.pending, (-1, -1)]:
            if b - a == 1:
                singles.append((a, b))
                continue
            if len(singles) % 2:
                return None
            out.extend((singles[i][0], singles[i + 1][1]) for i in range(0, len(singles), 2))
            singles.clear()
            if a >= 0:
                out.append((a, b))
        return sorted(out)

    def commit(self, keep: bool = True) -> bool:
        """Turn the pending names into reporters (or drop them); False when they are not names."""
        found = self._names()
        self.pending = []
        if found is None:
            return False
        if not keep or self.mode == "drop":
            return True
        for a, b in found:
            if (self.strict_names or self.role is None) and not self._is_name(a, b):
                return False
            self.reporters.append(ReporterHit(Hit(self.text[a:b], a, b), self.role or "", self.outlet))
        return True

    def _is_name(self, a: int, b: int) -> bool:
        """True when [a, b) reads as a person's name; two characters paired across a space
        (李 铮 in text that was not normalised) need a surname first."""
        if any(c.isspace() for c in self.text[a:b]):
            return self.lex.is_surname_at(self.text, a) > 0
        return self.names.looks_like_name(a, b)

    def label(self, word: str, piece: _Piece, previous: str | None) -> bool | None:
        """Read a credit label or credit word; None when ``word`` is not one."""
        c = self.credits
        after_slash = piece.before == "/"
        if after_slash and self.pending and word in c.writer | c.photo:
            return self.commit(keep=word in c.writer)  # 周琳/文 关建东/图: a credit after its names
        if after_slash and word in c.photo and previous in c.writer:
            return True  # 文/图: written and photographed
        marked = piece.after in (":", "/")
        if word in c.writer and marked:
            ok = self.commit()
            self.mode, self.role, self.outlet, self.labelled, self.photo_label = "keep", word, None, True, False
            return ok
        if (word in c.photo or word in c.editor) and (marked or len(word) >= 2 and word not in c.photo):
            ok = self.commit()
            self.mode, self.labelled = "drop", True
            self.photo_label = word in c.photo  # 图：本报记者 X: the role that follows credits a photographer
            return ok
        return None

    def role_word(self, piece: _Piece, word: str) -> bool | None:
        """Read a piece holding a role (河南日报记者, 记者张乐克); None when it holds none."""
        found = self.lex.role_pattern.search(word)
        if found is None:
            return None
        head = word[: found.start()]
        outlet = self._role_outlet(head, qualified=found.group() not in credits().bare_roles)
        if outlet is None:
            return False
        if not self.commit():
            return False
        rest_start = piece.start + found.end()
        if self.text.startswith("站", rest_start):  # 某某记者站: an outlet, the names follow unlabelled
            self.role, self.outlet, rest_start = "", word[: found.end() + 1], rest_start + 1
        else:
            self.role, self.outlet = word[len(outlet) : found.end()], outlet or self.next_outlet
        self.next_outlet = None
        self.mode = "drop" if self.mode == "drop" and self.photo_label else "keep"
        self.labelled, self.photo_label = True, False
        if rest_start < piece.end:
            return self.name(rest_start, piece.end)
        return True

    def _role_outlet(self, head: str, qualified: bool = False) -> str | None:
        """The outlet in what stands before a role (河南日报, 县融媒体中心; "" for none or for qualifiers
        alone: 广电, 融媒首席, 本报), or None when ``head`` is no outlet and no qualifier (张三记者).
        ``qualified``: the role found holds a qualifier already (融媒体记者)."""
        if head in credits().own_outlets or not head:
            return head
        rest = head
        for _ in range(_MAX_QUALIFIERS):  # qualifiers off the end: 融媒 + 首席
            qualifier = next((q for q in self.credits.qualifiers if rest.endswith(q)), None)
            if qualifier is None:
                break
            rest = rest[: -len(qualifier)]
        if not rest:
            return ""
        if rest in credits().own_outlets or _OUTLET_END.search(rest) or rest in self.lex.places or rest in _LEVEL_CHARS:
            return rest  # 电视台 + 首席, 县 + 融媒, 郑州 + 广电
        if "·" in rest and _OUTLET_END.search(rest.split("·", 1)[0]):
            return rest  # 大河报·豫 + 视频: an outlet's channel
        if self._unknown_outlet(rest, qualified=qualified or rest != head):
            return rest  # 掌上某某 + 记者, 新派 + 融媒体记者: an app's name the outlet endings do not know
        return None

    def _unknown_outlet(self, head: str, qualified: bool) -> bool:
        """True when ``head`` may be an outlet's own name: two (before a qualifier: 新派融媒体记者) or
        three to eight Chinese characters, no function word (接受记者…), and, right before the role,
        not a person's name (张三丰记者)."""
        if not 2 <= len(head) <= _MAX_UNKNOWN_OUTLET or not all(is_han(c) for c in head):
            return False
        if any(c in _FUNCTION_CHARS for c in head):
            return False
        if qualified:
            return True
        surname = self.lex.is_surname_at(head, 0)
        return len(head) >= 3 and not (surname and len(head) - surname <= 2)

    def name(self, a: int, b: int) -> bool:
        """Read a piece that should be a name, with a credit word glued to its end (王健报道, 张三摄)."""
        word = self.text[a:b]
        for trailer in self.credits.keep_trailers:
            if word.endswith(trailer):
                if len(word) > len(trailer):
                    self.pending.append((a, b - len(trailer)))
                return self.commit()
        for trailer in self.credits.photo_trailers:
            if word.endswith(trailer) and self.mode is not None:
                if len(word) > len(trailer):
                    self.pending.append((a, b - len(trailer)))
                return self.commit(keep=False)
        if self.mode == "drop":
            self.photo_label = False
            return True  # an editor's or photographer's name
        if not all(is_han(c) or c == "·" for c in word):
            return self.mode is None and not any(is_han(c) for c in word)  # a date or a time before the byline
        if len(word) > 4 and "·" not in word:
            return False
        self.pending.append((a, b))
        return True

    def _spaced_labels(self, pieces: list[_Piece]) -> list[_Piece]:
        """Join a label or role printed with typesetting spaces (记 者：, 总 编 辑：) back into one piece."""
        words = self.credits.spaced_words
        out: list[_Piece] = []
        i = 0
        while i < len(pieces):
            run = i  # the single characters from i joined by typesetting gaps, at most four
            while run < len(pieces) and run - i < 4 and pieces[run].end - pieces[run].start == 1:
                run += 1
                if pieces[run - 1].after:
                    break
            size = next((k for k in range(run - i, 1, -1)
                         if self.text[pieces[i].start : pieces[i + k - 1].end] in words), 1)
            last = pieces[i + size - 1]
            out.append(_Piece(pieces[i].start, last.end, pieces[i].before, last.after))
            i += size
        return out

    def feed(self, pieces: list[_Piece]) -> bool:
        """Read every piece; False as soon as one does not belong in a byline."""
        previous: str | None = None
        for piece in self._spaced_labels(pieces):
            word = self.text[piece.start : piece.end]
            ok = self.label(word, piece, previous)
            if ok is None:
                ok = self.role_word(piece, word)
            if ok is None and _is_outlet(word, self.lex):
                ok = self.commit()  # 台州台, 浙江卫视: an outlet ends the names before it
                self.next_outlet = word
            if ok is None:
                ok = self.name(piece.start, piece.end)
            if not ok:
                return False
            previous = word
        return self.commit()


def parse_byline(doc: Doc, start: int, end: int, *, unlabelled: bool = False, strict_names: bool = False,
                 names: NameFinder | None = None) -> list[ReporterHit] | None:
    """The reporters of a byline at [start, end), or None when it is not a byline.

    ``unlabelled`` accepts names without a role or a credit label (a bracket after a
    dateline or closing a paragraph); ``strict_names`` makes every name read as a person's.
    """
    parser = _Parser(doc, names or NameFinder(text_of(doc)), strict_names=strict_names)
    if not parser.feed(_pieces(doc, start, end)) or not (parser.labelled or unlabelled):
        return None
    return parser.reporters or None


def longest_byline(doc: Doc, start: int, end: int, *, names: NameFinder) -> list[ReporterHit]:
    """The reporters of the longest run of pieces from ``start`` that reads as a byline (strict names)."""
    pieces = _pieces(doc, start, end)[:_MAX_INLINE_PIECES]
    for count in range(len(pieces), 0, -1):
        parser = _Parser(doc, names, strict_names=True)
        if parser.feed(pieces[:count]) and parser.labelled and parser.reporters:
            return parser.reporters
    return []


class ReportersLayer(Layer):
    """Find bylines in brackets, on their own line and opening a paragraph."""

    name = "zhnews_reporters"
    field = "reporters"
    record_field = "reporters"
    order = 20
    reads = ("prepared", "title_block")
    span_keys = {"reporters": "zhnews_reporters"}
    default_config = {"max_line_chars": 80}
    eval_fields = ("reporters",)
    tables = (Table("reporters", (
        Column("doc_id", "string"), Column("position", "int", "the byline order, from 0"),
        Column("name", "string"), Column("role", "string", "记者, 通讯员 ..."),
        Column("outlet", "string", "the outlet named before the role"),
    ), "bylined journalists"),)

    def _bracket_may_be_bare(self, text: str, match: re.Match[str]) -> bool:
        """True when a bracket of bare names is a byline: after a dateline, or closing a paragraph."""
        if text[match.start()] not in "(（":
            return False
        before = text[max(0, match.start() - 3) : match.start()].rstrip()
        line_start = text.rfind("\n", 0, match.start()) + 1
        if before.endswith(credits().dateline_ends) and match.start() - line_start <= _MAX_DATELINE:
            return True
        line_end = text.find("\n", match.end())
        after = text[match.end() : len(text) if line_end < 0 else line_end]
        opens_line = match.start() == 0 or text[match.start() - 1] == "\n"
        return not after.strip() and (opens_line or text[match.start() - 1] in _SENTENCE_CLOSE)

    def _labelled(self, piece: str) -> bool:
        return bool(lexicon.load().role_pattern.search(piece) or credits().label.search(piece))

    def _brackets(self, doc: Doc, names: NameFinder) -> list[ReporterHit]:
        text = text_of(doc)
        found: list[ReporterHit] = []
        for match in _BRACKET.finditer(text):
            if self._labelled(match.group(1)):
                found.extend(parse_byline(doc, match.start(1), match.end(1), names=names) or [])
            elif self._bracket_may_be_bare(text, match):
                found.extend(parse_byline(doc, match.start(1), match.end(1), unlabelled=True, names=names) or [])
        return found

    def _lines(self, doc: Doc, names: NameFinder) -> list[ReporterHit]:
        text = text_of(doc)
        found: list[ReporterHit] = []
        for line_start in sentence_index(doc).line_starts:
            line_end = text.find("\n", line_start)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            start = line_start + len(line) - len(line.lstrip())
            lead = self._lead_byline(text, start, line)
            inline = self._inline_byline(text, start, line) if lead is None else None
            if lead is not None:
                found.extend(parse_byline(doc, start, lead, strict_names=True, names=names) or [])
            elif inline is not None:
                found.extend(longest_byline(doc, *inline, names=names))
            elif len(line.strip()) <= self.max_line_chars and self._labelled(line) and not _BRACKET.search(line):
                end = line_start + len(line.rstrip())
                found.extend(parse_byline(doc, start, end, strict_names=True, names=names) or [])
        return found

    def _lead_byline(self, text: str, start: int, line: str) -> int | None:
        """End of a byline that opens a paragraph and ends in 报道： (本网记者X、Y报道：…), or None."""
        stripped = line.lstrip()
        colon = _LEAD_BYLINE_END.search(stripped, 0, _MAX_LEAD_BYLINE + 3)
        if colon is None or not lexicon.load().role_pattern.search(stripped, 0, colon.start()):
            return None
        return start + colon.start() + 2

    def _inline_byline(self, text: str, start: int, line: str) -> tuple[int, int] | None:
        """Where a byline may run after a dateline in the lead, unbracketed (本报讯 记者 张三 通讯员 李四 3月1日，…)."""
        stripped = line.lstrip()
        dateline = _DATELINE_END.search(stripped, 0, _MAX_DATELINE)
        if dateline is None or not credits().qualified_role.match(stripped, dateline.end()):
            return None
        limit = min(len(stripped), dateline.end() + _MAX_LEAD_BYLINE)
        stop = _CLAUSE_MARK.search(stripped, dateline.end(), limit)
        return start + dateline.end(), start + (stop.start() if stop else limit)

    def __call__(self, doc: Doc) -> Doc:
        names = NameFinder(text_of(doc))
        found = self._brackets(doc, names) + self._lines(doc, names)
        found.sort(key=lambda r: r.name.start)
        unique: list[ReporterHit] = []
        seen: set[str] = set()
        for reporter in found:
            if reporter.name.text not in seen:
                seen.add(reporter.name.text)
                unique.append(reporter)
        set_ext(doc, "zhnews_reporters", unique)
        doc = self.put_spans(doc, "reporters", [(r.name.start, r.name.end, "REPORTER") for r in unique])
        return doc

    @classmethod
    def to_record(cls, reporters: list[ReporterHit], context: RecordContext) -> list[dict[str, Any]]:
        return [{"name": context.value(r.name), "role": r.role, "outlet": r.outlet, "span": context.span(r.name)}
                for r in reporters]

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        return [Mark(*r.span, "reporter", f"reporter {r.name} ({r.outlet or ''} {r.role})".replace("( ", "("))
                for r in record.reporters]

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        return {"reporters": [{"doc_id": record["doc_id"], "position": i, "name": r["name"], "role": r["role"],
                               "outlet": r.get("outlet")} for i, r in enumerate(record.get("reporters") or [])]}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        return [(norm_name(x),) for x in record.get("reporters") or []]
