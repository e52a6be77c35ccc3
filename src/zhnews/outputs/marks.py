"""A highlighted piece of the rendered page: what each layer's ``marks`` returns."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """A span of the original text, its kind (a colour of the page's legend) and what it means."""

    start: int
    end: int
    kind: str
    value: str
