"""Throughput of zhnews-extractor, as ratios against spaCy + jieba tokenization measured in the same run.

Usage: python scripts/benchmark.py [--mb 2] [--workers N] [--repeats 5] [--batch-runs 5] [--ner] [--json FILE]

(a) spaCy + jieba tokenization alone, (b) full extraction in one process,
(b-ner) with --ner, full extraction with the statistical NER layer too (the
ner extra), timed alternately with (a) and (b);
(c) `zhnews batch` with 1 and with all workers, on the same documents (the
corpus repeated to at least --mb megabytes of text; the batch gets them twice
over, so that start-up weighs little); then one document 100x
the reference article's length against 100 reference-length documents.
Machines are shared and noisy: read the ratios, not the absolute figures.
Every pair that makes a ratio is timed alternately: (a), (a') and (b) chunk by
chunk, each keeping its fastest run (see ``interleaved_minimum``); the batch
settings run by run (see ``batch_rates``) and the long and the short
documents likewise, each keeping its fastest.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhnews import Extractor  # noqa: E402
from zhnews.io.batch import BatchOptions, BatchSummary, run_batch  # noqa: E402
from zhnews.pipeline import build_nlp  # noqa: E402

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
    """One ``zhnews batch`` run: its documents, characters, wall-clock seconds and peak memory."""

    documents: int
    characters: int
    seconds: float
    peak_worker_mb: float

    @property
    def documents_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def chars_per_s(self) -> float:
        return self.characters / self.seconds


def batch_rates(texts: list[str], worker_counts: tuple[int, ...], runs: int) -> dict[int, BatchRate]:
    """Each worker count runs ``zhnews batch`` over the texts twice over (one JSON-lines file); the
    settings take turns, ``runs`` times, and each keeps its fastest run. The rate is by wall clock,
    start-up included: that understates more workers a little (their start-up overlaps but still
    counts whole), never overstates them. (Rates beyond start-up, from the first result or from the
    difference of two sizes, were tried: the first counts the work in flight at the first result as
    done after it, the second doubles the machine's noise.)"""
    best: dict[int, BatchRate] = {}
    documents = texts * 2
    characters = sum(len(text) for text in documents)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "bench.jsonl"
        with open(dump, "w", encoding="utf-8") as handle:
            for i, text in enumerate(documents):
                handle.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
        for _ in range(runs):
            for workers in worker_counts:
                out = Path(tmp) / f"out{workers}.jsonl"
                summary: BatchSummary = run_batch([str(dump)], out, BatchOptions(workers=workers))
                if summary.documents != len(documents) or summary.failures:
                    raise SystemExit(f"batch run over {dump} went wrong: {summary.format()}")
                out.unlink()
                if workers not in best or summary.seconds < best[workers].seconds:
                    best[workers] = BatchRate(len(documents), characters, summary.seconds, summary.peak_worker_mb)
    return best


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
    parser.add_argument("--batch-runs", type=int, default=5, help="runs of each (c); the fastest counts")
    parser.add_argument("--ner", action="store_true", help="also time extraction with the NER layer (the ner extra)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()

    texts = corpus_texts(args.mb)
    chars = sum(len(t) for t in texts)
    import spacy

    stock = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    tokenizer = build_nlp(components=())  # the pipeline's own (linear) jieba tokenizer
    extractor = Extractor()
    with_ner = Extractor(ner=True) if args.ner else None
    for text in texts[:20]:  # warm all up: jieba's dictionary, lexicons, regexes
        stock(text)
        tokenizer(text)
        extractor.extract(text)
        if with_ner is not None:
            with_ner.extract(text)

    figures: dict[str, float] = {"documents": len(texts), "characters": chars}
    pipes = {"a_stock": stock.pipe, "a": tokenizer.pipe, "b": extractor.pipe}
    if with_ner is not None:
        pipes["b_ner"] = with_ner.pipe
    times = interleaved_minimum(pipes, texts, args.repeats, extractor.batch_size)
    a_stock, a, b = times["a_stock"], times["a"], times["b"]
    figures |= {"a_stock_tokenize_s": a_stock, "a_tokenize_s": a, "b_extract_s": b,
                "ratio_b_over_a_stock": a_stock / b, "ratio_b_over_a": a / b}
    if with_ner is not None:
        tagger = with_ner.nlp.get_pipe("zhnews_ner").tagger
        tagger.characters_seen = 0
        deque(with_ner.pipe(texts), maxlen=0)
        figures |= {"b_ner_extract_s": times["b_ner"], "ratio_b_ner_over_a_stock": a_stock / times["b_ner"],
                    "ner_share_of_characters": tagger.characters_seen / chars}

    batches = batch_rates(texts, (1, args.workers), args.batch_runs)
    for workers, rate in batches.items():
        figures |= {f"c{workers}_docs_per_s": rate.documents_per_s, f"c{workers}_seconds": rate.seconds,
                    f"c{workers}_peak_worker_mb": rate.peak_worker_mb}
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
              f"{rate.documents_per_s:>8.1f} docs/s ({rate.documents} documents in {rate.seconds:.1f} s wall, "
              f"start-up included), peak {rate.peak_worker_mb:.0f} MB per worker")
    if with_ner is not None:
        b_ner = times["b_ner"]
        print(f"(b-ner) with the NER layer     : {chars / b_ner:>10,.0f} chars/s {len(texts) / b_ner:>8.1f} docs/s "
              f"(the model read {figures['ner_share_of_characters']:.1%} of the characters)")
    print(f"ratio b/a (extraction vs stock spaCy + jieba tokenization): {figures['ratio_b_over_a_stock']:.2f}")
    if with_ner is not None:
        print(f"ratio b/a with the NER layer: {figures['ratio_b_ner_over_a_stock']:.2f}")
    print(f"ratio b/a' (extraction vs the pipeline's own tokenizer alone): {figures['ratio_b_over_a']:.2f}")
    print(f"ratio c({args.workers})/c(1) (docs/s, wall clock): {figures['ratio_c_all_over_c1']:.2f}")
    print(f"long document (100x reference) vs 100 reference documents: {long_s:.2f} s vs {short_s:.2f} s, "
          f"ratio {figures['ratio_long_over_short']:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
