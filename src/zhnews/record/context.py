"""What a layer needs to turn its hits into record values: spans and values in the original text."""
from __future__ import annotations

from typing import Any, Protocol

from zhnews.text.normalize import Normalized


class HitLike(Protocol):
    start: int
    end: int


class RecordContext:
    """Maps hits (offsets into the normalised text) to the original text: ``text[start:end]`` shows each value."""

    def __init__(self, normalized: Normalized) -> None:
        self.normalized = normalized

    def evidence(self, hit: HitLike) -> dict[str, Any]:
        """``{"text", "span"}`` of a hit: its original text (typesetting spaces removed) and span."""
        text, span = self.normalized.original_value(hit.start, hit.end)
        return {"text": text, "span": span}

    def span(self, hit: HitLike | None) -> tuple[int, int] | None:
        """The original span of a hit (None for None)."""
        return None if hit is None else self.normalized.to_original(hit.start, hit.end)

    def value(self, hit: HitLike | None) -> str | None:
        """The original text of a hit, typesetting spaces removed (None for None)."""
        return None if hit is None else self.normalized.original_value(hit.start, hit.end)[0]
