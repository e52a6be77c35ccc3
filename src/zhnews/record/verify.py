"""Check a record against its text: every span inside the text and showing its value.

``problems(text, record)`` returns what is wrong (an empty list when nothing is);
the tests, the fuzzer and a cautious user can all run it on any record.
"""
from __future__ import annotations

from zhnews.schema import ArticleRecord
from zhnews.text.normalize import remove_spaces
from zhnews.text.numbers import parse_count


def problems(text: str, record: ArticleRecord) -> list[str]:
    """Every span whose evidence ``text[start:end]`` (spaces removed) is not the value it carries."""
    found: list[str] = []

    def expect(span, value, what: str) -> None:
        start, end = span
        if not 0 <= start <= end <= len(text):
            found.append(f"{what}: span {span} outside the text (length {len(text)})")
        elif remove_spaces(text[start:end]) != remove_spaces(value):
            found.append(f"{what}: span {span} shows {text[start:end]!r}, not {value!r}")

    title = record.title
    for part in (title.original_title, title.headline, *title.subtitles):
        if part:
            expect(part.span, part.text, "title")
    if record.event_date:
        expect(record.event_date.span, record.event_date.text, "event_date")
    for reporter in record.reporters:
        expect(reporter.span, reporter.name, "reporter")
    for leader in record.leaders:
        for mention in leader.mentions:
            expect(mention, leader.name, f"leader {leader.name}")
        for evidence in (*leader.title_evidence, *leader.actions):
            expect(evidence.span, evidence.text, f"leader {leader.name}")
        if set(leader.titles) != {t.text for t in leader.title_evidence}:
            found.append(f"leader {leader.name}: titles without evidence")
    for group in record.directives:
        if group.speaker:
            expect(group.speaker.span, group.speaker.name, "speaker")
        for item in group.items:
            expect(item.marker_span, item.marker, f"directive {item.ordinal} marker")
            expect(item.heading_span, item.heading, f"directive {item.ordinal} heading")
            expect(item.span, item.body, f"directive {item.ordinal} body")
    for stat in record.project_stats:
        expect(stat.span, stat.text, "project stat")
        for span, value, what in ((stat.scope_span, stat.scope, "scope"), (stat.segment_span, stat.segment, "segment")):
            if value is not None:
                expect(span, value, what)
        if stat.count is not None and stat.count_span:
            written = remove_spaces(text[stat.count_span[0] : stat.count_span[1]]).rstrip("个项")
            if parse_count(written) != stat.count:
                found.append(f"count {stat.count}: span {stat.count_span} shows {written!r}")
        if stat.investment:
            expect(stat.investment.span, stat.investment.text, "investment")
    for org in record.organizations:
        expect(org.span, org.name, "organisation")
    return found
