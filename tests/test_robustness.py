"""Hostile and broken input never crashes a run, never hangs it, never loses a record."""
from __future__ import annotations

import gzip
import json
import os
import socket
import time

import pytest
from conftest import REFERENCE, check_spans, examples, property_settings
from hypothesis import given
from hypothesis import strategies as st

from zhnews.io.batch import BatchOptions, errors_path, run_batch
from zhnews.record.verify import problems
from zhnews.schema import ArticleRecord

FRAGMENTS = [
    "原标题：", "省委书记", "市委副书记、市长", "楼阳生", "王 凯", "欧阳晓明", "艾尔肯·吐尼亚孜", "、", "，", "。", "；",
    "\n", " ", "　", "一要", "二要", "一是", "第一，", "（一）", "(二)", "强调6点要求", "提出三点要求", "签约项目", "开工",
    "340个", "一百零四个", "总投资", "2844亿元", "5亿美元", "8600万元", "约", "其中", "全省", "主会场", "10月8日",
    "2023年1月28日", "8日上午", "昨天", "记者", "河南日报记者 李 铮", "（记者张乐克、通讯员雷鹏程）", "有限公司", "集团",
    "市领导", "等出席", "在主会场出席", "「三個一批」", "總投資", "(", ")", "（", "）", "“", "”", "published: 2021-10-09\n---\n",
    "\u200b", "\r\n", "\ufeff", "·", "1", "0", ".", "亿", "元",
]


@pytest.fixture(scope="module")
def long_run(request):
    return request.config.getoption("--long")


def _check(extractor, text: str) -> None:
    record = extractor.extract(text)
    ArticleRecord.model_validate(record.model_dump(), context={"text": text})
    assert problems(text, record) == []
    check_spans(text, record.model_dump(mode="json"))


def test_arbitrary_unicode_text(extractor, request):
    @property_settings(examples(request.config, 1000))
    @given(st.text(max_size=400))
    def run(text):
        _check(extractor, text)

    run()


def test_mixtures_of_genre_fragments_and_noise(extractor, request):
    pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6))

    @property_settings(examples(request.config, 2000))
    @given(st.lists(pieces, max_size=60).map("".join))
    def run(text):
        _check(extractor, text)

    run()


# --- pathological inputs, bounded by a multiple of the reference's cost per character ---------------------------
@pytest.fixture(scope="module")
def seconds_per_char(extractor):
    text = REFERENCE.read_text(encoding="utf-8")
    extractor.extract(text)
    best = min(_timed(lambda: extractor.extract(text)) for _ in range(5))
    return best / len(text)


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


BOUND = 15  # generous: a linear pass costs about what the reference costs per character, a quadratic one explodes

PATHOLOGICAL = {
    "1 MB without punctuation": lambda: ("省委书记楼阳生出席集中签约项目总投资亿元开工一要第一其中全省主会场有限公司" * 30000)[:1_000_000],
    "100000 names in one list": lambda: "市领导" + "、".join(f"{s}{g}" for s, g in zip("张王李赵刘陈杨黄" * 12500,
                                                                                 "伟强磊洋勇军杰娟" * 12500, strict=True)) + "出席。",
    "10000 repeated 一要": lambda: "一要" * 10000,
    "10000 numbered items": lambda: "".join(f"{n}要抓落实；" for n in ["一", "二", "三"] * 3334),
    "deeply nested brackets": lambda: "（" * 50000 + "记者张三有限公司" + "）" * 50000 + "(" * 50000 + ")" * 50000,
    "only digits": lambda: "1234567890" * 100_000,
    "figures without end": lambda: "签约项目12个总投资3亿元" * 40000,
    "one long line of dates": lambda: "10月8日" * 100000,
}


@pytest.mark.slow  # a timing: CI on a shared machine runs without it (python -m pytest -m slow runs it)
@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_finishes_in_time_proportional_to_its_length(extractor, seconds_per_char, name):
    text = PATHOLOGICAL[name]()
    elapsed = _timed(lambda: extractor.extract(text))
    allowed = BOUND * seconds_per_char * len(text)
    assert elapsed < allowed, f"{name}: {elapsed:.2f} s for {len(text)} chars, allowed {allowed:.2f} s"


# --- broken files in a batch -----------------------------------------------------------------------------------
ARTICLE = "10月8日，全省活动举行。省委书记楼阳生出席并讲话。据统计，全省集中签约项目340个，总投资2844亿元。"


def test_broken_inputs_become_error_records_and_good_documents_survive(tmp_path, monkeypatch):
    root = tmp_path / "archive"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "good1.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "good2.txt").write_bytes(ARTICLE.encode("gb18030"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (root / "badutf8.txt").write_bytes(ARTICLE.encode("utf-8")[:30] + b"\xff\xfe" + ARTICLE.encode("utf-8")[30:])
    lines = [json.dumps({"id": f"gz{i}", "text": ARTICLE}, ensure_ascii=False) for i in range(200)]
    packed = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    (root / "truncated.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    (root / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": ARTICLE}, ensure_ascii=False) + "\n{oops\n" + json.dumps({"id": "j3"}) + "\n",
        encoding="utf-8",
    )
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(root)], out, BatchOptions(workers=1))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = {e["doc_id"]: e for e in map(json.loads, errors_path(out).read_text(encoding="utf-8").splitlines())}
    ids = {r["doc_id"] for r in records}
    assert {"good1", "good2", "lines:1"} - ids == set() or {"good1", "good2", "j1"} <= ids
    gz_ids = {i for i in ids if i.startswith("gz")}
    assert 0 < len(gz_ids) < 200  # what was readable before the cut
    assert {e: errors[e]["type"] for e in ("empty", "binary", "badutf8")} == {
        "empty": "EmptyDocument", "binary": "DecodeError", "badutf8": "DecodeError"}
    assert "badutf8.txt" in errors["badutf8"]["message"] and "invalid UTF-8" in errors["badutf8"]["message"]
    assert any(e["type"] in ("EOFError", "BadGzipFile") and "truncated.jsonl.gz" in e["source"] for e in errors.values())
    assert errors["lines:2"]["type"] == "JSONDecodeError" and errors["j3"]["type"] == "MissingText"
    locked = [e for e in errors.values() if e["type"] == "PermissionError"]
    assert locked and locked[0]["source"].endswith("locked")
    assert summary.failures == len(errors)
    assert all(r["project_stats"][0]["count"] == 340 for r in records)


# --- no network --------------------------------------------------------------------------------------------------
def test_extraction_and_batch_run_with_sockets_disabled(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from zhnews import Extractor

    fresh = Extractor()  # building the pipeline loads everything it needs from the package
    assert fresh.extract(ARTICLE).leaders[0].name == "楼阳生"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(tmp_path / "a.txt")], out, BatchOptions(workers=2))
    assert summary.failures == 0 and json.loads(out.read_text(encoding="utf-8"))["leaders"][0]["name"] == "楼阳生"
