"""Reporters: bylined journalists with their outlet and role.

A byline is either a bracket holding only roles and names — （记者 王民峰）,
（记者张乐克、通讯员雷鹏程） — or a short line of them:
河南日报记者 李 铮 冯 芸 马 涛 信阳日报全媒体记者 邹 乐. Typesetting spaces pad
two-character names (李 铮), so single characters are paired back into names.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from zhnews import lexicon
from zhnews.pipeline.base import BatchedComponent, get_ext, sentence_index, set_ext, text_of
from zhnews.pipeline.hits import Hit, ReporterHit
from zhnews.pipeline.spans import set_span_group
from zhnews.text.scan import is_han

_BRACKET = re.compile(r"[(（\[【]([^()（）\[\]【】\n]{2,80})[)）\]】]")
_SEPARATORS = re.compile(r"[、,，;；/／|\s]+")
_TRAILERS = ("摄影报道", "联合报道", "摄影", "摄", "报道", "整理", "发自", "供图", "图文", "文图")
_LEADERS = ("文", "图", "文图", "图文", "摄影", "视频")  # credits before the first role: 文/图 本报记者 …
_OUTLET_END = re.compile(r"(?:报|台|网|社|刊|客户端|在线|新闻|中心|频道|电视台|广播电视台|传媒|融媒|APP|app)$")


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) at separators and at removed typesetting spaces."""
    gaps = get_ext(doc, "zhnews_gaps") or frozenset()
    text = text_of(doc)
    pieces: list[tuple[int, int]] = []
    cursor = start
    for match in _SEPARATORS.finditer(text, start, end):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    out = []
    for a, b in pieces:
        cut = a
        for i in range(a + 1, b):
            if i in gaps:
                out.append((cut, i))
                cut = i
        out.append((cut, b))
    return [(a, b) for a, b in out if b > a]


def parse_byline(doc: Doc, start: int, end: int) -> list[ReporterHit] | None:
    """The reporters of a byline at [start, end), or None when it is not a byline."""
    lex = lexicon.load()
    text = text_of(doc)
    reporters: list[ReporterHit] = []
    role: str | None = None
    outlet: str | None = None
    singles: list[tuple[int, int]] = []  # single characters waiting to be paired into a name

    def flush_singles() -> bool:
        for i in range(0, len(singles) - 1, 2):
            (a, _), (_, d) = singles[i], singles[i + 1]
            reporters.append(ReporterHit(Hit(text[a:d], a, d), role or "", outlet))
        ok = len(singles) % 2 == 0
        singles.clear()
        return ok

    for a, b in _pieces(doc, start, end):
        piece = text[a:b]
        found = lex.role_pattern.search(piece)
        if found:
            if not flush_singles():
                return None
            head = piece[: found.start()]
            if head and not _OUTLET_END.search(head) and head not in ("本报", "本台", "本网"):
                return None
            outlet = head or None
            role = found.group()
            a += found.end()
            piece = piece[found.end():]
            if not piece:
                continue
        if role is None:
            if piece in _LEADERS:
                continue
            return None
        for trailer in _TRAILERS:
            if piece.endswith(trailer) and len(piece) > len(trailer):
                piece, b = piece[: -len(trailer)], b - len(trailer)
                break
        if piece in _TRAILERS:
            continue
        if not all(is_han(c) or c == "·" for c in piece):
            return None
        if len(piece) == 1:
            singles.append((a, b))
        elif len(piece) <= 4 or "·" in piece:
            if not flush_singles():
                return None
            reporters.append(ReporterHit(Hit(piece, a, b), role, outlet))
        else:
            return None
    if not flush_singles() or not reporters:
        return None
    return reporters


class ReportersComponent(BatchedComponent):
    """Find bylines in brackets or on their own line."""

    def __init__(self, max_line_chars: int) -> None:
        self.max_line_chars = max_line_chars

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        roles = lexicon.load().role_pattern
        found: list[ReporterHit] = []
        for match in _BRACKET.finditer(text):
            if roles.search(match.group(1)):
                found.extend(parse_byline(doc, match.start(1), match.end(1)) or [])
        for line_start in sentence_index(doc).line_starts:
            line_end = text.find("\n", line_start)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            if len(line.strip()) <= self.max_line_chars and roles.search(line) and not _BRACKET.search(line):
                stripped = len(line) - len(line.lstrip())
                found.extend(parse_byline(doc, line_start + stripped, line_start + len(line.rstrip())) or [])
        found.sort(key=lambda r: r.name.start)
        unique: list[ReporterHit] = []
        seen: set[str] = set()
        for reporter in found:
            if reporter.name.text not in seen:
                seen.add(reporter.name.text)
                unique.append(reporter)
        set_ext(doc, "zhnews_reporters", unique)
        doc = set_span_group(doc, "zhnews_reporters", [(r.name.start, r.name.end, "REPORTER") for r in unique])
        return doc


@Language.factory(
    "zhnews_reporters",
    assigns=["doc._.zhnews_reporters", "doc.spans"],
    default_config={"max_line_chars": 80},
)
def make_reporters(nlp: Language, name: str, max_line_chars: int) -> ReportersComponent:
    """Factory of the reporters layer."""
    return ReportersComponent(max_line_chars)
