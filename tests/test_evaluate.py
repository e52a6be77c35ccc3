"""The evaluation harness, and the F1 bar on the project's corpus."""
from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
from conftest import CORPUS

from zhnews.evaluate import evaluate_dir, fields, score_records

GOLD = {
    "doc_id": "x",
    "event_date": {"year": None, "month": 10, "day": 8},
    "reporters": ["李铮", "冯芸"],
    "leaders": [{"name": "楼阳生", "titles": ["省委书记"]}, {"name": "穆为民", "titles": []}],
    "directives": [{"speaker": "楼阳生", "declared_count": 2, "items": [
        {"ordinal": 1, "marker": "一要", "heading": "聚精会神"}, {"ordinal": 2, "marker": "二要", "heading": "全程服务"}]}],
    "project_stats": [{"category": "签约", "scope": "全省", "segment": None, "count": 340,
                       "investment": {"amount": 284400000000, "currency": "CNY"}}],
    "organizations": ["某某有限公司"],
}


def test_a_perfect_record_scores_one_on_every_field():
    report = score_records([("x", GOLD, GOLD)])
    assert all(report.fields[f].f1 == 1.0 for f in fields())
    assert report.macro_f1 == 1.0


def test_records_in_the_extractor_shape_match_plain_gold_strings():
    predicted = copy.deepcopy(GOLD)
    predicted["reporters"] = [{"name": "李 铮"}, {"name": "冯芸"}]
    predicted["directives"][0]["speaker"] = {"name": "楼阳生", "span": [0, 3]}
    predicted["directives"][0]["items"][0]["heading"] = "聚精会神。"
    assert score_records([("x", GOLD, predicted)]).macro_f1 == 1.0


def test_a_missing_leader_lowers_exactly_leader_recall():
    predicted = copy.deepcopy(GOLD)
    predicted["leaders"] = predicted["leaders"][:1]
    report = score_records([("x", GOLD, predicted)])
    leaders = report.fields["leaders"]
    assert (leaders.tp, leaders.fp, leaders.fn) == (1, 0, 1)
    assert leaders.precision == 1.0 and leaders.recall == 0.5
    assert all(report.fields[f].f1 == 1.0 for f in fields() if f != "leaders")
    assert report.errors[0].missed == {"leaders": [("穆为民",)]}


def test_a_spurious_stat_lowers_exactly_stat_precision():
    predicted = copy.deepcopy(GOLD)
    predicted["project_stats"].append({"category": "开工", "scope": None, "segment": None, "count": 5, "investment": None})
    report = score_records([("x", GOLD, predicted)])
    for field in ("project_stats", "stat_scopes"):
        assert report.fields[field].precision == 0.5 and report.fields[field].recall == 1.0
    assert all(report.fields[f].f1 == 1.0 for f in fields() if f not in ("project_stats", "stat_scopes"))


def test_a_wrong_scope_counts_only_against_stat_scopes():
    predicted = copy.deepcopy(GOLD)
    predicted["project_stats"][0]["scope"] = "全市"
    report = score_records([("x", GOLD, predicted)])
    assert report.fields["project_stats"].f1 == 1.0
    assert report.fields["stat_scopes"].f1 == 0.0


def test_a_wrong_date_is_one_miss_and_one_spurious():
    predicted = copy.deepcopy(GOLD)
    predicted["event_date"] = {"year": 2021, "month": 10, "day": 8}
    date = score_records([("x", GOLD, predicted)]).fields["event_date"]
    assert (date.tp, date.fp, date.fn) == (0, 1, 1)


def test_missing_gold_dir_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="gold directory"):
        evaluate_dir(tmp_path / "nope")


@pytest.mark.parametrize("folder", ["dev", "."])
def test_every_field_meets_the_bar_on_the_corpus(extractor, folder):
    report = evaluate_dir(CORPUS / folder, extractor.extract)
    assert report.documents >= 1
    low = {f: round(s.f1, 3) for f, s in report.scored().items() if s.f1 < 0.95}
    assert not low, report.format(with_errors=True)


def test_evaluate_command_prints_figures_and_writes_json(tmp_path):
    out = tmp_path / "scores.json"
    result = subprocess.run(
        [sys.executable, "-m", "zhnews.cli", "evaluate", str(CORPUS), "--errors", "--json", str(out)],
        capture_output=True, check=True,
    )
    assert "macro F1" in result.stdout.decode()
    figures = json.loads(out.read_text())
    assert set(figures["fields"]) == set(fields())
    assert figures["documents"] == 1
