"""Throughput of zhnews-extractor, as ratios against spaCy + jieba tokenization measured in the same run.

Usage: python scripts/benchmark.py [--mb 2] [--workers N] [--repeats 5] [--batch-runs 3] [--json FILE]

(a) spaCy + jieba tokenization alone, (b) full extraction in one process,
(c) `zhnews batch` with 1 and with all workers, on the same documents (the
corpus repeated to at least --mb megabytes of text), its rate beyond start-up
taken from runs over the documents and over them twice; then one document 100x
the reference article's length against 100 reference-length documents.
Machines are shared and noisy: read the ratios, not the absolute figures.
Every pair that makes a ratio is timed alternately and each side keeps its
fastest run: (a), (a') and (b) chunk by chunk (see ``interleaved_minimum``),
the batch settings and sizes run by run, the long and the short documents likewise.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import Extractor  # noqa: E402
from extractor.batch import BatchOptions, BatchSummary, run_batch  # noqa: E402
from extractor.pipeline import build_nlp  # noqa: E402

CORPUS = ROOT / "corpus"
REFERENCE = CORPUS / "henan-daily-2021-10-09-three-batches.txt"


def corpus_texts(megabytes: float) -> list[str]:
    base = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts: list[str] = []
    while sum(len(t.encode("utf-8")) for t in texts) < megabytes * 1_000_000:
        texts.extend(base)
    return texts


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def interleaved_minimum(pipes: dict[str, Callable[[list[str]], Iterable[object]]], texts: list[str],
                        repeats: int, chunk: int) -> dict[str, float]:
    """Seconds each pipe needs for ``texts``: the texts are cut into chunks; each chunk runs
    through every pipe in turn, ``repeats`` times, and a pipe's time is the sum over the chunks
    of its fastest run. A burst of load on a shared machine then spoils one run of one chunk,
    not a whole figure, and hits every pipe alike. Results are consumed and dropped, as a batch
    run does (keeping them all would add the garbage collector's walks over them to the time)."""
    best = {name: [float("inf")] * ((len(texts) + chunk - 1) // chunk) for name in pipes}
    for _ in range(repeats):
        for i, start in enumerate(range(0, len(texts), chunk)):
            part = texts[start : start + chunk]
            for name, pipe in pipes.items():
                best[name][i] = min(best[name][i], timed(lambda pipe=pipe, part=part: deque(pipe(part), maxlen=0)))
    return {name: sum(times) for name, times in best.items()}


@dataclass
class BatchRate:
    """``zhnews batch`` over N documents and over 2N: its throughput beyond start-up."""

    documents: int
    characters: int
    seconds: float  # wall-clock for N documents, the fastest run
    seconds_twice: float  # for 2N, the fastest run
    peak_worker_mb: float

    @property
    def documents_per_s(self) -> float:
        return self._per_second(self.documents)

    @property
    def chars_per_s(self) -> float:
        return self._per_second(self.characters)

    def _per_second(self, amount: int) -> float:
        extra = self.seconds_twice - self.seconds
        return amount / extra if extra > 0 else math.nan  # nan: too few documents to tell


def batch_rates(texts: list[str], worker_counts: tuple[int, ...], runs: int) -> dict[int, BatchRate]:
    """Each worker count runs ``zhnews batch`` over the texts and over the texts twice, alternately,
    ``runs`` times, keeping each setting's fastest run. The rate is N / (T(2N) - T(N)): starting the
    workers and their pipelines, and the work in flight when the first result comes, cancel out
    (a rate from a single run either counts them or guesses where they end)."""
    wall: dict[tuple[int, int], float] = {}
    peak: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        dumps = {}
        for copies in (1, 2):
            dumps[copies] = Path(tmp) / f"bench{copies}.jsonl"
            with open(dumps[copies], "w", encoding="utf-8") as handle:
                for i, text in enumerate(texts * copies):
                    handle.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
        for _ in range(runs):
            for workers in worker_counts:
                for copies, dump in dumps.items():
                    out = Path(tmp) / f"out{workers}-{copies}.jsonl"
                    summary: BatchSummary = run_batch([str(dump)], out, BatchOptions(workers=workers))
                    if summary.documents != len(texts) * copies or summary.failures:
                        raise SystemExit(f"batch run over {dump} went wrong: {summary.format()}")
                    out.unlink()
                    wall[workers, copies] = min(wall.get((workers, copies), float("inf")), summary.seconds)
                    peak[workers] = max(peak.get(workers, 0.0), summary.peak_worker_mb)
    characters = sum(len(text) for text in texts)
    return {workers: BatchRate(len(texts), characters, wall[workers, 1], wall[workers, 2], peak[workers])
            for workers in worker_counts}


def long_against_short(extractor: Extractor, long_document: str, short_documents: list[str],
                       repeats: int) -> tuple[float, float]:
    """Fastest seconds for the long document and for the short ones, timed alternately."""
    long_runs, short_runs = [], []
    for _ in range(repeats):
        long_runs.append(timed(lambda: extractor.extract(long_document)))
        short_runs.append(timed(lambda: deque(extractor.pipe(short_documents), maxlen=0)))
    return min(long_runs), min(short_runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes of text (default 2)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="'all workers' (default: cores)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of (a) and (b); the best counts")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each (c) and size; the fastest counts")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()

    texts = corpus_texts(args.mb)
    chars = sum(len(t) for t in texts)
    import spacy

    stock = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    tokenizer = build_nlp(components=())  # the pipeline's own (linear) jieba tokenizer
    extractor = Extractor()
    for text in texts[:20]:  # warm all up: jieba's dictionary, lexicons, regexes
        stock(text)
        tokenizer(text)
        extractor.extract(text)

    figures: dict[str, float] = {"documents": len(texts), "characters": chars}
    a_stock, a, b = interleaved_minimum(
        {"a_stock": stock.pipe, "a": tokenizer.pipe, "b": extractor.pipe}, texts, args.repeats, extractor.batch_size
    ).values()
    figures |= {"a_stock_tokenize_s": a_stock, "a_tokenize_s": a, "b_extract_s": b,
                "ratio_b_over_a_stock": a_stock / b, "ratio_b_over_a": a / b}

    batches = batch_rates(texts, (1, args.workers), args.batch_runs)
    for workers, rate in batches.items():
        figures |= {f"c{workers}_docs_per_s": rate.documents_per_s, f"c{workers}_seconds": rate.seconds,
                    f"c{workers}_seconds_twice": rate.seconds_twice, f"c{workers}_peak_worker_mb": rate.peak_worker_mb}
    figures["ratio_c_all_over_c1"] = batches[args.workers].documents_per_s / batches[1].documents_per_s

    reference = REFERENCE.read_text(encoding="utf-8")
    long_document = "\n".join([reference] * 100)
    long_s, short_s = long_against_short(extractor, long_document, [reference] * 100, args.repeats)
    figures |= {"long_doc_s": long_s, "short_docs_s": short_s, "ratio_long_over_short": long_s / short_s}

    print(f"documents: {len(texts)}, characters: {chars:,}")
    print(f"(a) spaCy + jieba (stock zh)   : {chars / a_stock:>10,.0f} chars/s {len(texts) / a_stock:>8.1f} docs/s")
    print(f"(a') spaCy + the pipeline's jieba tokenizer: {chars / a:>10,.0f} chars/s {len(texts) / a:>8.1f} docs/s")
    print(f"(b) full extraction, 1 process : {chars / b:>10,.0f} chars/s {len(texts) / b:>8.1f} docs/s")
    for workers, rate in batches.items():
        print(f"(c) zhnews batch, {workers} worker(s)  : {rate.chars_per_s:>10,.0f} chars/s "
              f"{rate.documents_per_s:>8.1f} docs/s beyond start-up ({rate.seconds:.1f} s wall for the documents, "
              f"{rate.seconds_twice:.1f} s for twice as many), peak {rate.peak_worker_mb:.0f} MB per worker")
    print(f"ratio b/a (extraction vs stock spaCy + jieba tokenization): {figures['ratio_b_over_a_stock']:.2f}")
    print(f"ratio b/a' (extraction vs the pipeline's own tokenizer alone): {figures['ratio_b_over_a']:.2f}")
    print(f"ratio c({args.workers})/c(1) (docs/s beyond start-up): {figures['ratio_c_all_over_c1']:.2f}")
    print(f"long document (100x reference) vs 100 reference documents: {long_s:.2f} s vs {short_s:.2f} s, "
          f"ratio {figures['ratio_long_over_short']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
