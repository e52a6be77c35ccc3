"""The title block: 原标题, headline and sub-headlines printed before the report."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from zhnews.schema.base import Evidence, RecordPart, TextEvidence, record_field


class TitleBlock(RecordPart):
    """原标题, headline and sub-headlines printed before the report."""

    original_title: TextEvidence | None = Field(None, description="the 原标题 line a reposting site prints")
    headline: TextEvidence | None = Field(None, description="the report's headline")
    subtitles: list[TextEvidence] = Field([], description="sub-headlines and lead-in lines under it")

    def evidence(self) -> Iterator[Evidence]:
        for part in (self.original_title, self.headline, *self.subtitles):
            if part is not None:
                yield "title", part.span, part.text


record_field("title", TitleBlock, TitleBlock(), "the lines printed before the report", order=10)
