"""Scale check of ``zhnews batch`` and ``zhnews export`` (outside the unit suite: many minutes).

Usage: python scripts/scale_check.py [--documents 200000] [--workers 2] [--json FILE]

1. Generates the documents (scripts/gen_archive.py: the genre's sentences, names, places, companies
   and figures drawn at random, so the vocabulary keeps growing as a real archive's does) into one
   JSON-lines file and runs ``zhnews batch --workers N`` on it, sampling every worker's memory (RSS,
   and its private part from /proc/PID/smaps_rollup) with the number of documents written. It
   compares the workers' memory around 10,000 documents with that near the end (target: within 10%).
2. Runs ``zhnews export`` on the first tenth of the records and on all of them, and compares their
   peak memory (target: flat): to DuckDB with and without the tables across records, and to Parquet.
3. Times one document of many distinct titled leaders (市长XXX出席，x k) of 1,000,000 characters
   against the reference article, per character, in this process (target: within 5x).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from gen_archive import Generator  # noqa: E402

REFERENCE = ROOT / "corpus" / "henan-daily-2021-10-09-three-batches.txt"


def memory_mb(pid: int) -> tuple[float, float] | None:
    """(RSS, private) of a process in MB, or None once it is gone."""
    try:
        rss = private = 0
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, value = line.partition(":")
            if key == "Rss":
                rss = int(value.split()[0])
            elif key in ("Private_Clean", "Private_Dirty"):
                private += int(value.split()[0])
        return rss / 1024, private / 1024
    except (OSError, ValueError, IndexError):
        return None


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with open(path, "rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


def generate(path: Path, documents: int) -> None:
    generator = Generator(seed=2024)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(documents):
            handle.write(json.dumps({"id": f"g{i:07d}", "text": generator.document(i)}, ensure_ascii=False) + "\n")


def run_batch(source: Path, out: Path, workers: int, interval: float) -> dict:
    """Run zhnews batch, sampling (documents written, [(rss, private) per worker]) every ``interval`` s."""
    command = [sys.executable, "-m", "zhnews.cli", "batch", str(source), "-o", str(out), "--workers", str(workers)]
    started = time.monotonic()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, cwd=ROOT)
    samples = []
    parent_peak = 0.0
    while process.poll() is None:
        time.sleep(interval)
        own = memory_mb(process.pid)
        if own:
            parent_peak = max(parent_peak, own[0])
        workers_memory = [m for m in map(memory_mb, children(process.pid)) if m]
        samples.append((count_lines(out), workers_memory))
    stderr = process.stderr.read().decode()
    return {"seconds": time.monotonic() - started, "status": process.returncode, "summary": stderr.strip(),
            "samples": samples, "parent_peak_rss_mb": parent_peak}


def window(samples: list, low: int, high: int) -> dict:
    """The workers' memory over the samples taken while ``low``-``high`` documents were written."""
    rss = [r for done, ws in samples if low <= done <= high for r, _ in ws]
    private = [p for done, ws in samples if low <= done <= high for _, p in ws]
    if not rss:
        return {}
    return {"samples": len(rss), "rss_max": max(rss), "rss_mean": sum(rss) / len(rss),
            "private_max": max(private), "private_mean": sum(private) / len(private)}


def export_peak(records: Path, target: Path, *options: str) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of zhnews export [options] into ``target`` (a .duckdb file, or a Parquet
    folder), from the child's own resource usage."""
    where = ["--duckdb", str(target)] if target.suffix == ".duckdb" else ["--parquet", str(target)]
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "zhnews.cli", "export", str(records), *where, *options],
                               stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"export failed: {process.stderr.read().decode()}")
    return usage.ru_maxrss / 1024, time.monotonic() - started


def leaders_document(chars: int) -> str:
    generator = Generator(seed=3)
    seen: set[str] = set()
    parts: list[str] = []
    length = 0
    while True:  # up to ``chars`` characters (spaCy's max_length is 1,000,000)
        name = generator.name()
        if name in seen:
            continue
        part = f"市长{name}出席，"
        if length + len(part) + 1 > chars:
            return "".join(parts) + "。"
        seen.add(name)
        parts.append(part)
        length += len(part)


def leaders_cost(chars: int) -> dict:
    from zhnews import Extractor

    extractor = Extractor()
    reference = REFERENCE.read_text(encoding="utf-8")
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(50):
            extractor.extract(reference)
        best = min(best, time.process_time() - start)
    per_char_reference = best / (50 * len(reference))
    document = leaders_document(chars)
    start = time.process_time()
    record = extractor.extract(document)
    seconds = time.process_time() - start
    return {"characters": len(document), "leaders": len(record.leaders), "seconds": seconds,
            "ratio_per_char": seconds / len(document) / per_char_reference}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between memory samples")
    parser.add_argument("--leaders-chars", type=int, default=1_000_000)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--leaders-only", action="store_true", help="only the distinct-leaders document")
    args = parser.parse_args()
    if args.leaders_only:
        print(json.dumps(leaders_cost(args.leaders_chars)))
        return
    figures: dict = {"documents": args.documents, "workers": args.workers}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, out = folder / "archive.jsonl", folder / "out.jsonl"
        generate(source, args.documents)
        batch = run_batch(source, out, args.workers, args.interval)
        figures["batch_seconds"] = batch["seconds"]
        figures["batch_summary"] = batch["summary"]
        figures["parent_peak_rss_mb"] = batch["parent_peak_rss_mb"]
        early = window(batch["samples"], args.documents // 20 - 1000, args.documents // 20 + 1000)
        late = window(batch["samples"], args.documents - args.documents // 20, args.documents)
        figures["workers_at_10k"], figures["workers_at_end"] = early, late
        print(f"zhnews batch --workers {args.workers}: {args.documents} documents in {batch['seconds']:.0f} s "
              f"(status {batch['status']})\n  {batch['summary']}")
        for name, part in (("around 10k documents", early), ("near the end", late)):
            if part:
                print(f"  workers {name}: RSS max {part['rss_max']:.0f} MB (mean {part['rss_mean']:.0f}), private max "
                      f"{part['private_max']:.0f} MB (mean {part['private_mean']:.0f}), {part['samples']} samples")
        if early and late:
            figures["rss_max_ratio"] = late["rss_max"] / early["rss_max"]
            figures["private_max_ratio"] = late["private_max"] / early["private_max"]
            print(f"  end / 10k: RSS max {figures['rss_max_ratio']:.3f}, private max {figures['private_max_ratio']:.3f}"
                  " (target: within 10%)")
        print(f"  main process: peak RSS {batch['parent_peak_rss_mb']:.0f} MB")
        tenth = folder / "tenth.jsonl"
        with open(out, "rb") as whole, open(tenth, "wb") as part:
            for _, line in zip(range(args.documents // 10), whole, strict=False):
                part.write(line)
        exports = (("export", ".duckdb", ()), ("export_per_record", ".duckdb", ("--no-archive-tables",)),
                   ("export_parquet", "", ()))
        for key, suffix, options in exports:
            small_mb, small_s = export_peak(tenth, folder / f"tenth-{key}{suffix}", *options)
            large_mb, large_s = export_peak(out, folder / f"all-{key}{suffix}", *options)
            figures[key] = {"tenth_peak_mb": small_mb, "tenth_seconds": small_s, "all_peak_mb": large_mb,
                            "all_seconds": large_s, "ratio": large_mb / small_mb}
            target = "--duckdb" if suffix else "--parquet"
            print(f"zhnews export {target} {' '.join(options)}: {args.documents // 10} records peak {small_mb:.0f} MB "
                  f"({small_s:.0f} s), {count_lines(out)} records peak {large_mb:.0f} MB ({large_s:.0f} s): "
                  f"ratio {large_mb / small_mb:.2f}")
    cost = leaders_cost(args.leaders_chars)
    figures["distinct_leaders"] = cost
    print(f"distinct leaders: {cost['characters']:,} characters, {cost['leaders']:,} leaders in {cost['seconds']:.1f} s"
          f" CPU: {cost['ratio_per_char']:.2f}x the reference's cost per character (target: within 5x)")
    print(f"this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
