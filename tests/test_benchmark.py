"""scripts/benchmark.py runs end to end on a small input and reports every figure."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_the_benchmark_runs_and_reports_its_ratios(tmp_path):
    out = tmp_path / "figures.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--mb", "0.05", "--repeats", "1",
         "--batch-runs", "1", "--workers", "2", "--json", str(out)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["characters"] >= 50_000 / 3  # 0.05 MB of UTF-8, three bytes a Chinese character
    for key in ("ratio_b_over_a_stock", "ratio_b_over_a", "ratio_long_over_short"):
        assert figures[key] > 0
    for workers in (1, 2):
        assert figures[f"c{workers}_docs_per_s"] > 0 and figures[f"c{workers}_seconds"] > 0
        assert 0 < figures[f"c{workers}_peak_worker_mb"] < 2000
    assert "ratio_c_all_over_c1" in figures
