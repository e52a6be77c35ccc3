"""zhnews report: round ticks, thinned x labels, year-less months apart, thousands separators, failures by
type, investment per province and once per event (constructed batches)."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from zhnews.io.batch import errors_path
from zhnews.outputs.html_page import bar_chart, nice_step, nice_ticks, text_width, thousands, tick_label
from zhnews.outputs.report import Periods, figures_from, period_ticks, render_report

X_LABEL = re.compile(r'<text class="x" x="([\d.]+)"[^>]*>([^<]*)</text>')
Y_LABEL = re.compile(r'<text class="y"[^>]*>([^<]*)</text>')
SVG = re.compile(r"<svg.*?</svg>", re.S)


# Ticks and numbers.

@pytest.mark.parametrize(("top", "integer", "expected"), [
    (33347.5, False, ["0", "10,000", "20,000", "30,000", "40,000"]),
    (25010.62, False, ["0", "10,000", "20,000", "30,000"]),
    (6328, False, ["0", "2,000", "4,000", "6,000", "8,000"]),
    (2, True, ["0", "1", "2"]),
    (4, True, ["0", "1", "2", "3", "4"]),
    (0.7, False, ["0", "0.2", "0.4", "0.6", "0.8"]),
    (1.5, False, ["0", "0.5", "1", "1.5"]),
    (17, True, ["0", "5", "10", "15", "20"]),
])
def test_ticks_are_round_and_cover_the_data(top, integer, expected):
    ticks = nice_ticks(top, integer=integer)
    assert [tick_label(t, ticks[1] - ticks[0]) for t in ticks] == expected


def test_every_step_is_one_two_or_five_times_a_power_of_ten():
    for i in range(1, 2000):
        top = i * 7.31 ** (i % 9 - 3)
        step = nice_step(top)
        mantissa = step.scaleb(-step.adjusted()).normalize()
        assert mantissa in {Decimal(1), Decimal(2), Decimal(5)}, (top, step)
        assert 1 <= float(nice_ticks(top)[-1]) / top < 2.6 or top < 1e-9
        assert len(nice_ticks(top)) <= 6


@pytest.mark.parametrize(("value", "text"), [
    (Decimal(284400000000), "284,400,000,000"), (Decimal("625.385"), "625.385"), (6328, "6,328"),
    (Decimal("80.9300"), "80.93"), (0, "0"), (None, ""),
])
def test_thousands_separators(value, text):
    assert thousands(value) == text


# The chart's x axis.

def x_labels(svg: str) -> list[tuple[float, str]]:
    return [(float(x), text) for x, text in X_LABEL.findall(svg)]


def assert_no_overlap(svg: str, width: int, font_size: int) -> None:
    extents = sorted((x - text_width(t, font_size) / 2, x + text_width(t, font_size) / 2) for x, t in x_labels(svg))
    for (_, right), (left, _) in zip(extents, extents[1:], strict=False):
        assert left >= right, (right, left)
    assert all(a >= 0 and b <= width for a, b in extents)


@pytest.mark.parametrize(("count", "width", "font_size"), [(12, 640, 12), (48, 640, 12), (48, 340, 11), (200, 340, 11)])
def test_x_labels_are_thinned_so_they_never_overlap(count, width, font_size):
    labels = [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(count)]
    svg = bar_chart([(None, labels)], {"events": [i % 5 for i in range(count)]}, unit="events", width=width,
                    font_size=font_size)
    shown = x_labels(svg)
    assert_no_overlap(svg, width, font_size)
    assert 2 <= len(shown) <= count
    if count * text_width(labels[0], font_size) > width:
        assert len(shown) < count
    assert svg.count("<rect") == sum(1 for i in range(count) if i % 5)  # every bar drawn, labelled or not


def test_a_few_labels_are_all_shown():
    svg = bar_chart([(None, ["2023-01", "2023-02", "2023-03"])], {"n": [1, 2, 3]}, unit="n", integer=True)
    assert [t for _, t in x_labels(svg)] == ["2023-01", "2023-02", "2023-03"]
    assert Y_LABEL.findall(svg) == ["0", "1", "2", "3"]


def test_groups_sit_apart_with_their_captions():
    svg = bar_chart([("by month", ["2023-01", "2023-02"]), ("year not given", ["1月", "5月"])],
                    {"n": [1, 2, 3, 4]}, unit="n", integer=True)
    separator = float(re.search(r'<line class="group" x1="([\d.]+)"', svg).group(1))
    positions = dict((t, x) for x, t in x_labels(svg))
    assert max(positions["2023-01"], positions["2023-02"]) < separator < min(positions["1月"], positions["5月"])
    assert re.findall(r'<text class="caption"[^>]*>([^<]*)</text>', svg) == ["by month", "year not given"]


@pytest.mark.parametrize(("first", "last", "unit", "count"), [
    (dt.date(2023, 1, 1), dt.date(2023, 10, 1), "month", 10),
    (dt.date(2021, 11, 1), dt.date(2024, 10, 1), "month", 36),
    (dt.date(2019, 2, 1), dt.date(2024, 12, 1), "quarter", 24),
    (dt.date(2010, 3, 1), dt.date(2025, 11, 1), "year", 16),
])
def test_the_time_axis_unit_keeps_bars_readable(first, last, unit, count):
    periods = Periods.spanning(first, last)
    assert (periods.unit, len(periods.labels)) == (unit, count)


@pytest.mark.parametrize(("first", "last", "slot", "allowed"), [
    (dt.date(2022, 1, 1), dt.date(2024, 12, 1), 20.0, {1, 4, 7, 10}),   # every 3 months
    (dt.date(2022, 1, 1), dt.date(2024, 12, 1), 10.0, {1, 7}),          # every 6 months
    (dt.date(2022, 1, 1), dt.date(2022, 9, 1), 60.0, set(range(1, 13))),  # every month
])
def test_month_labels_fall_on_round_months(first, last, slot, allowed):
    ticks = period_ticks(Periods.spanning(first, last), slot, 12)
    shown = [t for t in ticks if t]
    assert shown and all(int(t[5:]) in allowed for t in shown)
    assert {int(t[5:]) for t in shown} == allowed & {int(label[5:]) for label in Periods.spanning(first, last).labels}


def test_quarter_and_year_labels_name_years_on_round_steps():
    quarters = period_ticks(Periods.spanning(dt.date(2013, 4, 1), dt.date(2024, 12, 1)), 5.0, 11)
    assert all(t == "" or (len(t) == 4 and int(t) % 2 == 0) for t in quarters) and any(quarters)
    years = period_ticks(Periods.spanning(dt.date(1990, 1, 1), dt.date(2024, 1, 1)), 8.0, 11)
    assert {t for t in years if t} <= {str(y) for y in range(1990, 2025, 5)}


# The report from records.

def stat(category, count, amount, scope=None, segment=None, currency="CNY"):
    return {"category": category, "scope": scope, "segment": segment, "count": count,
            "investment": {"amount": amount, "currency": currency, "text": "", "span": [0, 0]}, "text": "",
            "span": [0, 0]}


def record(doc_id, date, stats=(), leaders=(), source=None, directives=(), warnings=()):
    year, month, day = date if date else (None, None, None)
    return {
        "doc_id": doc_id, "source": source, "title": {"headline": None, "subtitles": []},
        "event_date": {"year": year, "month": month, "day": day, "year_source": "text", "text": "", "span": [0, 0]}
        if month else None,
        "leaders": [{"name": n, "titles": list(t), "mentions": [[0, 1]]} for n, t in leaders],
        "directives": [{"speaker": {"name": s}, "items": [{"ordinal": i + 1} for i in range(k)]} for s, k in directives],
        "project_stats": list(stats), "warnings": list(warnings),
    }


@pytest.fixture
def batch(tmp_path):
    records = [
        # one signing ceremony, reported by the city daily (with a breakdown) and by a portal
        record("a", (2023, 1, 12), [stat("签约", 30, 1_500_000_000, "全市"), stat("签约", 10, 7, "全市", "产业项目")],
               [("张伟", ["市委书记"])], source="许昌日报", directives=[("张伟", 3)]),
        record("b", (2023, 1, 12), [stat("签约", 30, 1_500_000_000, "许昌市")], [("张伟", ["许昌市委书记"])]),
        record("c", (2023, 4, 2), [stat("开工", 12, 2_000_000_000, "株洲市"), stat("签约", 3, 5, "株洲市", currency="USD")],
               [("李强", ["市长"])]),
        record("d", (None, 2, 9), [stat("开工", 8, 300_000_000, "全省")], warnings=["3 declared, 2 found"]),
        record("e", (None, 11, 3)),
        record("f", None),
    ]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    errors_path(out).write_text("".join(json.dumps(e) + "\n" for e in [
        {"doc_id": "x", "type": "UnicodeDecodeError", "message": "bad byte"},
        {"doc_id": "y", "type": "TooLong", "message": "2000000 characters"},
        {"doc_id": "z", "type": "UnicodeDecodeError", "message": "bad byte"},
    ]), encoding="utf-8")
    return out


def test_report_counts_events_and_their_investment_once(batch):
    figures = figures_from(batch)
    assert (figures.documents, figures.failures, figures.event_count()) == (6, 3, 5)
    per_slot = figures.investment_per_slot()
    assert per_slot["签约"] == {"2023-01": Decimal(1_500_000_000)}  # two reports, the breakdown and USD left out
    assert per_slot["开工"] == {"2023-04": Decimal(2_000_000_000), "2月": Decimal(300_000_000)}
    regions = {region: (n, per) for region, n, per in figures.investment_per_region()}
    assert regions["河南"] == (1, {"签约": Decimal(1_500_000_000)})
    assert regions["湖南"] == (1, {"开工": Decimal(2_000_000_000)})
    assert regions["(not placed)"] == (1, {"开工": Decimal(300_000_000)})
    assert figures.failure_types == {"UnicodeDecodeError": 2, "TooLong": 1}
    assert (figures.speaker_groups["张伟"], figures.speaker_items["张伟"]) == (1, 3)
    assert figures.people()[0] == ("张伟", 2, ["市委书记（许昌市）"])


def test_year_less_months_are_a_group_of_their_own(batch):
    figures = figures_from(batch)
    assert figures.axis() == [("by month", ("2023-01", "2023-02", "2023-03", "2023-04")),
                              ("year not given", ("2月", "11月"))]
    html = render_report(figures, "out.jsonl")
    assert "????" not in html
    for svg in SVG.findall(html):
        captions = re.findall(r'<text class="caption"[^>]*>([^<]*)</text>', svg)
        assert captions == ["by month", "year not given"]


def test_report_page_has_thousands_separators_failures_and_merged_events(batch):
    html = render_report(figures_from(batch), "out.jsonl")
    assert "<td class=num>1,500,000,000</td>" in html and "<td class=num>2,000,000,000</td>" in html
    assert "1500000000" not in html
    assert "<td>UnicodeDecodeError</td><td class=num>2</td>" in html
    assert "<td class=num>2</td><td>a b</td>" in html  # the event the two records report, listed once
    assert "events: <b>5</b>" in html and "failed: <b>3</b>" in html
    assert html.count('class="chart-wide"') == 2 and html.count('class="chart-narrow"') == 2
    for svg in SVG.findall(html):
        width = int(re.search(r'viewBox="0 0 (\d+)', svg).group(1))
        size = int(re.search(r'font-size="(\d+)"', svg).group(1))
        assert_no_overlap(svg, width, size)
        ticks = Y_LABEL.findall(svg)
        assert ticks[0] == "0" and all(re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", t) for t in ticks)


def test_report_command(batch):
    subprocess.run([sys.executable, "-m", "zhnews.cli", "report", str(batch)], check=True, capture_output=True)
    html = Path(batch.with_suffix(".html")).read_text(encoding="utf-8")
    assert "2023-01" in html and "Failures by type" in html
