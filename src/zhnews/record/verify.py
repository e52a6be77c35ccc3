"""Check a record against its text: every span inside the text and showing its value.

``problems(text, record)`` returns what is wrong (an empty list when nothing is); the tests, the
fuzzer and a cautious user can all run it on any record. Each record part lists its own spans and
what they must show (``evidence``) and any further checks (``problems``), so a new part is checked
without a change here.
"""
from __future__ import annotations

from zhnews.schema import ArticleRecord
from zhnews.text.normalize import remove_spaces


def problems(text: str, record: ArticleRecord) -> list[str]:
    """Every span whose evidence ``text[start:end]`` (spaces removed) is not the value it carries."""
    found: list[str] = []
    for what, span, value in record.evidence():
        start, end = span
        if not 0 <= start <= end <= len(text):
            found.append(f"{what}: span {list(span)} outside the text (length {len(text)})")
        elif value is not None and remove_spaces(text[start:end]) != remove_spaces(value):
            found.append(f"{what}: span {list(span)} shows {text[start:end]!r}, not {value!r}")
    for _, part in record.field_parts():
        found.extend(part.problems(text))
    return found
