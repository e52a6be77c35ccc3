"""The officials named in a report."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from zhnews.schema.base import Evidence, RecordPart, Span, TextEvidence, record_field


class Leader(RecordPart):
    """An official named in the report, once, with every post and mention."""

    name: str = Field(description="the name as first written, typesetting spaces removed")
    titles: list[str] = Field([], description="the official posts the text gives this person, as written")
    title_evidence: list[TextEvidence] = Field([], description="each title where it is written")
    actions: list[TextEvidence] = Field([], description="what the official does after a mention (出席, 讲话 ...)")
    mentions: list[Span] = Field(min_length=1, description="every mention of the name")

    @property
    def span(self) -> tuple[int, int]:
        """The first mention."""
        return self.mentions[0]

    def evidence(self) -> Iterator[Evidence]:
        for mention in self.mentions:
            yield f"leader {self.name}", mention, self.name
        for piece in (*self.title_evidence, *self.actions):
            yield f"leader {self.name}", piece.span, piece.text

    def problems(self, text: str) -> list[str]:
        if set(self.titles) != {t.text for t in self.title_evidence}:
            return [f"leader {self.name}: titles without evidence"]
        return []


record_field("leaders", list[Leader], [], "every official who attends, acts or speaks, in order of first mention",
             order=50)
