"""Where the reported event was held: its main and branch venues and its sites."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from zhnews.schema.base import Evidence, RecordPart, Span, record_field


class Venue(RecordPart):
    """A venue of the event: a main venue (主会场), a branch venue (分会场) or a site (在…举行)."""

    name: str = Field(description="the venue as written (宝应分会场, 县会议中心, 扬州)")
    kind: Literal["main", "branch", "site"] = Field(description="main venue, branch venue or the site it was held at")
    place: str | None = Field(None, description="the place the venue names, as written (宝应, 扬州市); null if none")
    span: Span

    def evidence(self) -> Iterator[Evidence]:
        yield "venue", self.span, self.name


record_field("venues", list[Venue], [], "where the event was held: main and branch venues and sites, in order",
             order=35)
