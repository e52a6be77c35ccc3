"""Coverage-guided fuzzing of `zhnews.extract` with atheris (pip install atheris).

Usage: python scripts/fuzz.py [--seconds 600] [--corpus-dir DIR]

Each input is decoded to text, extracted, validated against the record model,
and checked with `zhnews.record.verify.problems` (every span shows its value). A
crash, an exception or a problem stops the run with the input saved by
libFuzzer (crash-*). Seeds: the corpus articles; a dictionary of the genre's
words steers mutations towards titles, markers, amounts and dates.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

with atheris.instrument_imports(include=["zhnews"]):
    from zhnews import Extractor
    from zhnews.record.verify import problems
    from zhnews.schema import ArticleRecord

TOKENS = [
    "原标题：", "省委书记", "市委副书记、市长", "市领导", "等出席", "、", "，", "。", "；", "\n", " ", "　",
    "一要", "二要", "一是", "二是", "第一，", "第二，", "（一）", "（二）", "强调6点要求", "提出三点要求",
    "签约项目", "开工", "投产", "个", "项", "总投资", "亿元", "万元", "美元", "约", "其中", "全省", "全市",
    "主会场", "10月8日", "2023年1月28日", "8日上午", "昨天", "记者", "通讯员", "（记者", "）", "有限公司", "集团",
    "·", "欧阳", "published: 2021-10-09\n---\n",
]
EXTRACTOR: Extractor | None = None


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    record = EXTRACTOR.extract(text)
    ArticleRecord.model_validate(record.model_dump(), context={"text": text})
    found = problems(text, record)
    if found:
        raise AssertionError(f"{found[:3]} for {text[:200]!r}")


def main() -> None:
    global EXTRACTOR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz (default 600)")
    parser.add_argument("--corpus-dir", help="where libFuzzer keeps its growing corpus (default: a temp dir)")
    args, rest = parser.parse_known_args()
    EXTRACTOR = Extractor()
    work = Path(args.corpus_dir or tempfile.mkdtemp(prefix="zhnews-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        (work / f"seed-{path.stem}").write_bytes(path.read_bytes())
    dictionary = work.parent / f"{work.name}.dict"
    escaped = ("".join(f"\\x{b:02x}" for b in token.encode("utf-8")) for token in TOKENS)  # libFuzzer: \xNN only
    dictionary.write_text("".join(f'"{token}"\n' for token in escaped), encoding="ascii")
    argv = [sys.argv[0], str(work), f"-max_total_time={args.seconds}", f"-dict={dictionary}", "-max_len=4096",
            "-timeout=20", *rest]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
