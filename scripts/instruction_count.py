"""Instructions the pipeline's parts execute, counted by valgrind's callgrind: a figure that does not
depend on how loaded the (shared) machine is, for comparing two versions of the code.

Usage: valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
           python scripts/instruction_count.py PART
then read "Collected" from valgrind's output. PART is ``tokenize`` (header, normalisation and
segmentation), ``layers`` (every layer and the record), ``record``, or one layer's pipe name
(``zhnews_leaders`` ...). Counting is switched on (``callgrind_control -i on``) only around that part,
run over the corpus (52 documents) after a warm-up on the same documents.
"""
from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhnews import Extractor  # noqa: E402
from zhnews.record.build import build_record  # noqa: E402


def counting(on: bool) -> None:
    """Switch callgrind's instrumentation of this process on or off."""
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True,
                   capture_output=True)


def main() -> None:
    part = sys.argv[1] if len(sys.argv) > 1 else "layers"
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))] * 4
    extractor = Extractor()
    names = [name for name, _ in extractor.nlp.pipeline]
    if part not in ("tokenize", "layers", "record", *names):
        raise SystemExit(f"unknown part {part!r}: tokenize, layers, record or one of {', '.join(names)}")
    for text in texts:  # warm-up: jieba's dictionary, lexicons, caches
        extractor.extract(text)
    gc.collect()
    gc.freeze()  # the collector's walks over long-lived objects would land in whichever part runs
    if part == "tokenize":  # header, normalisation and segmentation: the zhnews tokenizer
        counting(True)
        docs = [extractor.make_doc(text) for text in texts]
        counting(False)
        return
    docs = [extractor.make_doc(text) for text in texts]
    for name, component in extractor.nlp.pipeline:
        counting(part in (name, "layers"))
        docs = list(component.pipe(docs, batch_size=extractor.batch_size))
        counting(False)
    counting(part in ("record", "layers"))
    deque((build_record(doc) for doc in docs), maxlen=0)
    counting(False)


if __name__ == "__main__":
    main()
