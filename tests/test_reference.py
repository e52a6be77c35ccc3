"""The reference article: its record equals the gold on every scored field, spans show evidence."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import CORPUS, REFERENCE, check_spans

from zhnews.evaluate import fields, items


def test_reference_record_equals_gold(extract):
    gold = json.loads(REFERENCE.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
    record = extract(REFERENCE.read_text(encoding="utf-8"), doc_id=REFERENCE.stem)
    assert record["doc_id"] == gold["doc_id"]
    for field in fields():
        if field in gold or field in ("leader_titles", "directive_speakers", "stat_scopes"):
            assert items(record, field) == items(gold, field), field
    # Scored fields in the gold's own shapes, order included.
    assert [r["name"] for r in record["reporters"]] == gold["reporters"]
    assert [{"name": x["name"], "titles": x["titles"]} for x in record["leaders"]] == gold["leaders"]
    assert [o["name"] for o in record["organizations"]] == gold["organizations"]
    assert {k: record["event_date"][k] for k in ("year", "month", "day")} == gold["event_date"]
    stats = [
        {k: s[k] for k in ("category", "scope", "segment", "count")}
        | {"investment": s["investment"] and {"amount": s["investment"]["amount"], "currency": s["investment"]["currency"]}}
        for s in record["project_stats"]
    ]
    assert stats == gold["project_stats"]


def test_every_span_points_at_its_evidence(extract):
    text = REFERENCE.read_text(encoding="utf-8")
    record = extract(text)
    assert check_spans(text, record) > 60


def test_every_span_in_the_dev_corpus_points_at_its_evidence(extract):
    for path in sorted((CORPUS / "dev").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        check_spans(text, extract(text))


def test_cli_output_is_byte_identical_across_runs():
    command = [sys.executable, "-m", "zhnews.cli", "extract", str(REFERENCE)]
    first = subprocess.run(command, capture_output=True, check=True).stdout
    second = subprocess.run(command, capture_output=True, check=True).stdout
    assert first == second
    assert json.loads(first)["doc_id"] == REFERENCE.stem
