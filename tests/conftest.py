"""Shared fixtures: one Extractor for the session, corpus paths, a span checker."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from zhnews import Extractor
from zhnews.text.normalize import remove_spaces
from zhnews.text.numbers import parse_count

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REFERENCE = CORPUS / "henan-daily-2021-10-09-three-batches.txt"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor):
    """extract(text, **kw) -> the record as a JSON-mode dict."""

    def run(text: str, **kwargs) -> dict:
        return extractor.extract(text, **kwargs).model_dump(mode="json")

    return run


def examples(config, default: int) -> int:
    """How many Hypothesis examples a property test runs: ten times as many with ``--long``."""
    return default * 10 if config.getoption("--long") else default


def property_settings(count: int):
    """Hypothesis settings of the suite's property tests: a fixed seed, no deadline."""
    return settings(max_examples=count, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def pytest_addoption(parser):
    parser.addoption("--long", action="store_true", help="run the property tests with many more examples")


def evidence(text: str, span) -> str:
    start, end = span
    return remove_spaces(text[start:end])


def check_spans(text: str, record: dict) -> int:
    """Assert that every span of a record shows its value in ``text``; return how many were checked."""
    checked = 0

    def same(span, value):
        nonlocal checked
        assert span is not None and value is not None
        assert evidence(text, span) == remove_spaces(value), (span, value)
        checked += 1

    title = record["title"]
    for part in [title["original_title"], title["headline"], *title["subtitles"]]:
        if part:
            same(part["span"], part["text"])
    if record["event_date"]:
        same(record["event_date"]["span"], record["event_date"]["text"])
    for reporter in record["reporters"]:
        same(reporter["span"], reporter["name"])
    for leader in record["leaders"]:
        for mention in leader["mentions"]:
            same(mention, leader["name"])
        for title_ev in leader["title_evidence"]:
            same(title_ev["span"], title_ev["text"])
        assert set(leader["titles"]) == {t["text"] for t in leader["title_evidence"]}
        for action in leader["actions"]:
            same(action["span"], action["text"])
    for group in record["directives"]:
        if group["speaker"]:
            same(group["speaker"]["span"], group["speaker"]["name"])
        for item in group["items"]:
            same(item["marker_span"], item["marker"])
            same(item["heading_span"], item["heading"])
            same(item["span"], item["body"])
    for stat in record["project_stats"]:
        same(stat["span"], stat["text"])
        if stat["scope"]:
            same(stat["scope_span"], stat["scope"])
        if stat["segment"]:
            same(stat["segment_span"], stat["segment"])
        if stat["count"] is not None:
            written = evidence(text, stat["count_span"]).rstrip("个项")
            assert parse_count(written) == stat["count"]
            checked += 1
        if stat["investment"]:
            same(stat["investment"]["span"], stat["investment"]["text"])
    for org in record["organizations"]:
        same(org["span"], org["name"])
    return checked
