"""Bylined journalists."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from zhnews.schema.base import Evidence, RecordPart, Span, record_field


class Reporter(RecordPart):
    """A bylined journalist."""

    name: str = Field(description="the name as written, typesetting spaces removed")
    role: str = Field(description="the byline role (记者, 通讯员, 全媒体记者 ...)")
    outlet: str | None = Field(None, description="the outlet named before the role (河南日报记者)")
    span: Span

    def evidence(self) -> Iterator[Evidence]:
        yield "reporter", self.span, self.name


record_field("reporters", list[Reporter], [], "bylined journalists, in order", order=30)
