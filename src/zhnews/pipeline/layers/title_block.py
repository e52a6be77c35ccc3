"""Title block: 原标题, headline and sub-headlines, portal cruft, up to the report body.

Portal furniture is neither headline nor subtitle: breadcrumbs (首页 > 要闻, 当前位置：…),
【打印】 links, credit and stamp lines (作者：X, 文/X 图/Y, 来源：…, 发布时间：…,
2022年02月24日 15:09 | 来源：某某网, 某某新闻 2020-11-27 10:24).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zhnews import lexicon
from zhnews.outputs.columns import Column, Table
from zhnews.pipeline.base import Layer, set_ext, text_of
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.layers.event_date import STAMP
from zhnews.pipeline.layers.reporters import credits
from zhnews.serialize import serializable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_ORIGINAL_TITLE = re.compile(r"原标题[:：]?\s*")
_CRUFT = re.compile(r"(?:^|\s)[>＞›»](?:\s|$)|【[^】\n]{0,12}】|^首页|当前位置|您的位置|您现在的位置")
_BREADCRUMB = re.compile(r"[>＞›»][^>＞›»\n]{1,20}[>＞›»]")  # 首页>新闻中心>要闻: spaces are gone after normalisation
_NUMERIC_STAMP = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}")
_SENTENCE_MARK = re.compile(r"[。；;!?！？]")


@serializable
@dataclass(slots=True)
class TitleBlockHit:
    original_title: Hit | None = None
    headline: Hit | None = None
    subtitles: list[Hit] = field(default_factory=list)
    body_start: int = 0  # where the report proper starts (after titles, cruft and byline)


class TitleBlockLayer(Layer):
    """Find the lines printed before the report body and where the body starts."""

    name = "zhnews_title_block"
    field = "title_block"
    record_field = "title"
    order = 10
    reads = ("prepared",)
    span_keys = {"lines": "zhnews_title"}
    default_config = {"max_title_chars": 60, "max_lines": 8}
    tables = (Table("articles", (Column("headline", "string", "the report's headline"),)),)

    def _furniture(self, line: str) -> bool:
        """True for a breadcrumb, a credit line (作者：…, 文/…) or a stamp line (来源：… 2023-01-29)."""
        if _BREADCRUMB.search(line) or credits().label.match(line):
            return True
        if _NUMERIC_STAMP.search(line):
            return True
        return STAMP.search(line) is not None and ("|" in line or credits().label.search(line) is not None)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        roles = lexicon.load().role_pattern
        block = TitleBlockHit()
        pos = 0
        for _ in range(self.max_lines):
            if pos >= len(text):
                break
            newline = text.find("\n", pos)
            end = len(text) if newline < 0 else newline
            line = text[pos:end].strip()
            start = pos + (len(text[pos:end]) - len(text[pos:end].lstrip()))
            if not line or _CRUFT.search(line) or self._furniture(line):
                pos = end + 1
                block.body_start = pos
                continue
            original = _ORIGINAL_TITLE.match(line)
            if original and block.original_title is None:
                offset = start + original.end()
                block.original_title = Hit(line[original.end():], offset, start + len(line))
            elif len(line) > self.max_title_chars or _SENTENCE_MARK.search(line):
                break  # the report body starts here
            elif roles.search(line):
                pos = end + 1
                block.body_start = pos
                break  # a byline line closes the title block
            elif block.headline is None:
                block.headline = Hit(line, start, start + len(line))
            else:
                block.subtitles.append(Hit(line, start, start + len(line)))
            pos = end + 1
            block.body_start = min(pos, len(text))
        set_ext(doc, "zhnews_title_block", block)
        hits = [h for h in (block.original_title, block.headline, *block.subtitles) if h]
        return self.put_spans(doc, "lines", [(h.start, h.end, "TITLE_LINE") for h in hits])

    @classmethod
    def to_record(cls, block: TitleBlockHit, context: RecordContext) -> dict[str, Any]:
        return {
            "original_title": context.evidence(block.original_title) if block.original_title else None,
            "headline": context.evidence(block.headline) if block.headline else None,
            "subtitles": [context.evidence(h) for h in block.subtitles],
        }

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        headline = (record.get("title") or {}).get("headline") or {}
        return {"articles": [{"headline": headline.get("text")}]}
