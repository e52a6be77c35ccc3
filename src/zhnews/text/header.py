"""The optional metadata header of an article file (``key: value`` lines closed by ``---``)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_KEY_LINE = re.compile(r"[a-z_]+:[ \t]?[^\n]*")
_MAX_HEADER_LINES = 20


class HeaderError(ValueError):
    """A metadata header that cannot be read (for example a bad ``published`` date)."""


@dataclass(frozen=True)
class Header:
    """The header's fields and where the article body starts in the input."""

    fields: dict[str, str] = field(default_factory=dict)
    body_start: int = 0

    @property
    def published(self) -> dt.date | None:
        """The ``published`` field as a date, or None when absent."""
        value = self.fields.get("published")
        return parse_date(value, "published") if value else None


def parse_date(value: str, what: str) -> dt.date:
    """Parse an ISO date (2023-02-01), naming ``what`` in the error."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise HeaderError(f"{what}: {value!r} is not a date in the form YYYY-MM-DD") from exc


def split_header(text: str) -> Header:
    """Find a metadata header at the top of ``text``; an absent one gives an empty Header."""
    pos = 0
    fields: dict[str, str] = {}
    for _ in range(_MAX_HEADER_LINES):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        line = text[pos:line_end].strip().lstrip("\ufeff")
        if line == "---":
            return Header(fields, line_end + 1 if end >= 0 else line_end) if fields else Header()
        if not _KEY_LINE.fullmatch(line):
            return Header()
        key, value = line.split(":", 1)
        fields[key] = value.strip()
        if end < 0:
            return Header()
        pos = end + 1
    return Header()
