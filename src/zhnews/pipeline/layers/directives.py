"""Numbered directives: 一要…二要…, 一是…二是…, 第一，…第二，…, (一)…(二)….

A group is a run of one marker kind with ordinals 1, 2, 3 … each item
starting after the previous one, in the same paragraph or at the start of a
later one. Markers inside running text (统一要求, 跑好“第一棒”) do not start
groups: 第N needs a separator after it and every later item a clause start.
What introduces a group decides whether it is a speech's instructions: the
last cue before it — in its paragraph, else up to three paragraphs back —
is a speech verb (强调, 提出…要求, 在讲话中说) or the reporter's facts (呈现三个
特点, 分为三类, 记者梳理发现). A list of facts is no group, nor is a 一是/第一/(一)
list with no speech before it. The speaker is the subject of that speech
verb: the person nearest before it in its clause, else the first in its
sentence (a leader the leaders layer found, or a name at a clause start or
after a title); a pronoun (他强调) stands for the last person named before
it; 会议要求 has no speaker. The declared count comes from 强调6点要求 /
从三个方面提出要求 / 讲了四个方面 just before the group. The cue words are data
(``data/speech.toml``).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zhnews.evaluate import HEADING_TRAILERS, norm_name
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, cache, get_ext, sentence_index, set_ext, text_of, warn
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.spans import token_boundaries
from zhnews.pipeline.speech import Speakers
from zhnews.serialize import serializable
from zhnews.text.numbers import parse_count
from zhnews.text.scan import anchored_matches, last_match

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_ORDINALS = "一二三四五六七八九十"
_MAX_ORDINALS = 3
_ORD = f"[{_ORDINALS}]{{1,{_MAX_ORDINALS}}}"
_MARKERS = {
    "yao": re.compile(rf"(?P<n>{_ORD})要(?=[\u4e00-\u9fff“\"《,:，：])"),
    "shi": re.compile(rf"(?P<n>{_ORD})是(?=[\u4e00-\u9fff“\"《,:，：])"),
    "di": re.compile(rf"第(?P<n>{_ORD})(?=[,，、:：])"),
    "paren": re.compile(rf"[(（](?P<n>{_ORD})[)）](?=\s*[\u4e00-\u9fff“\"《])"),
}
# 一要/一是 markers are found from their keyword: a literal search is a fast scan, while the
# numeral-first pattern is tried at every position of the text.
_KEYWORDS = {"yao": "要", "shi": "是"}
_ORDINAL_RUN = ((frozenset(_ORDINALS).__contains__, _MAX_ORDINALS),)
_CLAUSE_START = set("\n。;；:：,，!！?？")
# Characters that make 一是/一要 part of a word (统一要求, 唯一是, 之一是).
_WORD_BEFORE = set("统唯第之万同逐单专合不归划整均如任每")
_SEPARATORS = ",，、:： "
_HEADING_END = re.compile(r"[。;；:：!！?？\n]")
_DECLARED = re.compile(
    r"(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})(?:点|个方面|方面|条)[^。;；\n]{0,8}?(?:要求|意见|希望|建议)"
)
# A count that ends its clause right after a speech verb: 讲了四个方面。 提出三点：
_DECLARED_SPOKEN = re.compile(
    r"(?:讲了|谈了|讲|谈|提出了|提出|强调了|强调|从)(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})(?:点|个方面|方面|条)"
    r"(?=[。:：;；,，\n])"
)
_MAX_ITEM_GAP_PARAGRAPHS = 3
_MAX_INTRO_PARAGRAPHS = 3  # how many paragraphs before a group its introducing cue is looked for
_MAX_BODY = 3000  # the longest body kept for a group's last item (its end is not marked)


@serializable
@dataclass(slots=True)
class DirectiveItemHit:
    ordinal: int
    marker: Hit
    heading: Hit
    body: Hit


@serializable
@dataclass(slots=True)
class DirectiveGroupHit:
    speaker: Hit | None
    declared_count: int | None
    declared: Hit | None
    items: list[DirectiveItemHit] = field(default_factory=list)


@dataclass
class _Marker:
    ordinal: int
    start: int
    end: int
    text: str


def marker_matches(text: str, kind: str) -> Iterator[re.Match[str]]:
    """``_MARKERS[kind].finditer(text)``; for 一要/一是 from each keyword (``anchored_matches``)."""
    pattern = _MARKERS[kind]
    keyword = _KEYWORDS.get(kind)
    if keyword is None:
        return pattern.finditer(text)
    return anchored_matches(text, pattern, keyword, _ORDINAL_RUN)


class DirectivesLayer(Layer):
    """Find numbered directive groups with their speaker and declared count."""

    name = "zhnews_directives"
    field = "directives"
    record_field = "directives"
    order = 60
    reads = ("prepared", "leaders")
    span_keys = {"directives": "zhnews_directives"}
    default_config = {"declared_window": 120, "speaker_window": 1500}
    eval_fields = ("directives", "directive_speakers")
    tables = (Table("directives", (
        Column("doc_id", "string"), Column("group_index", "int", "the numbered list, from 0"),
        Column("speaker", "string"), Column("declared_count", "int", "the count the text announces"),
        Column("ordinal", "int"), Column("marker", "string"), Column("heading", "string"),
    ), "numbered instructions, one row per item"),)

    def _markers(self, text: str, kind: str) -> list[_Marker]:
        found = []
        for match in marker_matches(text, kind):
            ordinal = parse_count(match.group("n"))
            if ordinal is None or ordinal < 1:
                continue
            start = match.start()
            before = text[start - 1] if start else "\n"
            clause_start = before in _CLAUSE_START or before == "“"
            inside_word = ordinal != 1 or before in _WORD_BEFORE or not ("\u4e00" <= before <= "\u9fff")
            if kind in ("yao", "shi") and not clause_start and inside_word:
                continue
            if kind == "di" and not clause_start:
                continue
            found.append(_Marker(ordinal, start, match.end(), match.group()))
        return found

    def _groups(self, doc: Doc, markers: list[_Marker]) -> list[list[_Marker]]:
        """Runs of markers with ordinals 1..n, each close enough to the one before."""
        groups: list[list[_Marker]] = []
        current: list[_Marker] = []
        for marker in markers:
            if current and marker.ordinal == current[-1].ordinal + 1 and self._follows(doc, current[-1], marker):
                current.append(marker)
                continue
            if len(current) >= 2:
                groups.append(current)
            current = [marker] if marker.ordinal == 1 else []
        if len(current) >= 2:
            groups.append(current)
        return groups

    def _follows(self, doc: Doc, previous: _Marker, marker: _Marker) -> bool:
        """True when ``marker`` may continue the item that ``previous`` started."""
        index = sentence_index(doc)
        prev_para = index.paragraph(previous.start)
        para = index.paragraph(marker.start)
        if para == prev_para:
            return True
        if text_of(doc)[para[0] : marker.start].strip():
            return False  # a later paragraph must open with the marker
        between = text_of(doc).count("\n", prev_para[1], para[0])
        return between <= _MAX_ITEM_GAP_PARAGRAPHS

    def _items(self, doc: Doc, group: list[_Marker], limit: int) -> list[DirectiveItemHit]:
        """The items of a group; the last one's body ends with its paragraph, the next group or MAX_BODY."""
        text = text_of(doc)
        index = sentence_index(doc)
        items = []
        for i, marker in enumerate(group):
            if i + 1 < len(group):
                body_end = group[i + 1].start
            else:
                body_end = min(index.paragraph(marker.start)[1], limit, marker.start + _MAX_BODY)
            start = marker.end
            while start < body_end and text[start] in _SEPARATORS:
                start += 1
            stop = _HEADING_END.search(text, start, body_end)
            end = stop.start() if stop else body_end
            while end > start and text[end - 1] in _SEPARATORS + "、":
                end -= 1
            body_stop = body_end
            while body_stop > start and text[body_stop - 1] in " \n":
                body_stop -= 1
            items.append(
                DirectiveItemHit(
                    ordinal=marker.ordinal,
                    marker=Hit(marker.text, marker.start, marker.end),
                    heading=Hit(text[start:end], start, end),
                    body=Hit(text[marker.start : body_stop], marker.start, body_stop),
                )
            )
        return items

    def _mentions(self, doc: Doc) -> tuple[list[int], list[Hit]]:
        """The leaders layer's mentions sorted by start (computed once per doc)."""
        mentions = cache(doc).get("mentions by start")
        if mentions is None:
            leaders = get_ext(doc, "zhnews_leaders") or []
            found = sorted((m.start, i, m) for i, leader in enumerate(leaders) for m in leader.mentions)
            mentions = cache(doc)["mentions by start"] = ([s for s, _, _ in found], [m for _, _, m in found])
        return mentions

    def _speaker(self, doc: Doc, start: int) -> Hit | None:
        """The leader named last before ``start`` (within the speaker window)."""
        starts, hits = self._mentions(doc)
        i = bisect.bisect_left(starts, start) - 1
        return hits[i] if i >= 0 and starts[i] >= start - self.speaker_window else None

    def _introduced(self, doc: Doc, speakers: Speakers, kind: str, start: int, floor: int,
                    previous: Hit | None) -> tuple[bool, Hit | None]:
        """(is a speech's list, its speaker) from the last cue before the group at ``start``
        (``previous``: the speaker of the list before, which a pronoun may stand for)."""
        cue = speakers.last_cue(start, floor, _MAX_INTRO_PARAGRAPHS)
        if cue is None:
            # 一要 is an instruction by itself; 一是, 第一, (一) with no speech before them are facts.
            return kind == "yao", self._speaker(doc, start) if kind == "yao" else None
        if cue.kind != "speech":
            return False, None  # 呈现三个特点：一是…, 记者梳理发现…
        if speakers.is_collective(cue.start, floor):
            return True, None  # 会议要求：一是…
        return True, speakers.speaker(cue.start, floor, previous) or self._speaker(doc, cue.start)

    def _declared(self, doc: Doc, start: int) -> tuple[Hit, int] | None:
        """The count announced just before ``start`` (强调6点要求, 讲了四个方面) and its evidence."""
        text = text_of(doc)
        window = (max(0, start - self.declared_window), start)
        found = [m for m in (last_match(_DECLARED.finditer(text, *window)),
                             last_match(_DECLARED_SPOKEN.finditer(text, *window))) if m]
        if not found:
            return None
        last = max(found, key=lambda m: m.end())
        return Hit(last.group(), last.start(), last.end()), parse_count(last.group("n"))

    def __call__(self, doc: Doc) -> Doc:
        groups: list[DirectiveGroupHit] = []
        kinds_by_group: list[tuple[str, list[_Marker]]] = []
        for kind in _MARKERS:
            kinds_by_group.extend((kind, g) for g in self._groups(doc, self._markers(text_of(doc), kind)))
        kinds_by_group.sort(key=lambda g: g[1][0].start)
        markers_by_group = [g for _, g in kinds_by_group]
        speakers = Speakers(text_of(doc), sentence_index(doc), self._mentions(doc)[1], token_boundaries(doc))
        floor = 0
        previous: Hit | None = None
        for n, (kind, markers) in enumerate(kinds_by_group):
            following = [g[0].start for g in markers_by_group[n + 1 : n + 2] if g[0].start > markers[-1].start]
            items = self._items(doc, markers, following[0] if following else len(text_of(doc)))
            is_speech, speaker = self._introduced(doc, speakers, kind, markers[0].start, floor, previous)
            if not is_speech:
                continue
            previous = speaker
            floor = items[-1].body.end
            announced = self._declared(doc, markers[0].start)
            declared, count = announced if announced else (None, None)
            group = DirectiveGroupHit(speaker, count, declared, items)
            if count is not None and count != len(items):
                warn(doc, f"directives at {markers[0].start}: {count} declared, {len(items)} found")
            groups.append(group)
        set_ext(doc, "zhnews_directives", groups)
        spans = []
        for group in groups:
            for item in group.items:
                spans.append((item.marker.start, item.marker.end, "MARKER"))
                if item.heading.end > item.heading.start:
                    spans.append((item.heading.start, item.heading.end, "HEADING"))
            if group.declared:
                spans.append((group.declared.start, group.declared.end, "DECLARED_COUNT"))
        doc = self.put_spans(doc, "directives", spans)
        return doc

    @classmethod
    def to_record(cls, groups: list[DirectiveGroupHit], context: RecordContext) -> list[dict[str, Any]]:
        out = []
        for group in groups:
            items = [{
                "ordinal": item.ordinal, "marker": context.value(item.marker), "heading": context.value(item.heading),
                "body": context.value(item.body), "marker_span": context.span(item.marker),
                "heading_span": context.span(item.heading), "span": context.span(item.body),
            } for item in group.items]
            speaker = group.speaker
            out.append({"speaker": {"name": context.value(speaker), "span": context.span(speaker)} if speaker else None,
                        "declared_count": group.declared_count, "declared_span": context.span(group.declared),
                        "items": items})
        return out

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        out: list[Mark] = []
        for g, group in enumerate(record.directives, start=1):
            speaker = group.speaker.name if group.speaker else "unknown speaker"
            for item in group.items:
                out.append(Mark(*item.marker_span, "marker", f"directive group {g}, item {item.ordinal} — {speaker}"))
                if item.heading_span[1] > item.heading_span[0]:
                    out.append(Mark(*item.heading_span, "heading", f"heading {item.ordinal}: {item.heading}"))
        return out

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        rows = []
        for index, group in enumerate(record.get("directives") or []):
            speaker = (group.get("speaker") or {}).get("name")
            rows.extend({"doc_id": record["doc_id"], "group_index": index, "speaker": speaker,
                         "declared_count": group.get("declared_count"), "ordinal": item["ordinal"],
                         "marker": item["marker"], "heading": item["heading"]} for item in group["items"])
        return {"directives": rows}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        groups = record.get("directives") or []
        if field == "directives":
            return [(item["ordinal"], norm_name(item["heading"]).rstrip(HEADING_TRAILERS))
                    for group in groups for item in group["items"]]
        return [(norm_name(g.get("speaker")), g.get("declared_count")) for g in groups]
