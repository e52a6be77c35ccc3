"""A jieba tokenizer for spaCy that stays linear on long documents.

It segments exactly as spaCy's own ``zh`` jieba segmenter (``jieba.cut`` with
``cut_all=False``), through ``JiebaSegmenter`` (zhnews/segmentation/jieba_segmenter.py: jieba's
dictionary and HMM, its route and Viterbi computed in less time and in linear
time), and builds the Doc from the words directly: spaCy's generic word/space
alignment slices the remaining text once per word, which is quadratic in the
document's length (a 100x longer article cost 200x).
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

from zhnews.pipeline.spans import remember_token_starts
from zhnews.segmentation.jieba_segmenter import JiebaSegmenter

MAX_CACHED_WORDS = 1_000_000  # word -> hash entries kept before the cache starts afresh


class JiebaTokenizer(DummyTokenizer):
    """jieba segmentation; every character of the text lands in exactly one token."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.segmenter = JiebaSegmenter()
        self._orths: dict[str, int] = {}

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.cut(text)
        doc = Doc(self.vocab, words=self._orth_ids(words), spaces=[False] * len(words))
        remember_token_starts(doc, list(accumulate(map(len, words), initial=0))[:-1])
        return doc

    def _orth_ids(self, words: list[str]) -> list[int] | list[str]:
        """The vocabulary's hash of each word, from a cache: a Doc built from hashes skips spaCy's
        hashing of every word's UTF-8 bytes (the Doc is built 2x faster). Inside a spaCy memory
        zone the words are passed as they are: strings added there are dropped when it closes."""
        if self.vocab.in_memory_zone:
            return words
        orths = self._orths
        if len(orths) > MAX_CACHED_WORDS:
            orths.clear()
        add = self.vocab.strings.add
        return [orths.get(word) or orths.setdefault(word, add(word)) for word in words]


@registry.tokenizers("zhnews.jieba_tokenizer.v1")
def create_jieba_tokenizer() -> Callable[[Language], JiebaTokenizer]:
    """Registered tokenizer factory: ``[nlp.tokenizer] @tokenizers = "zhnews.jieba_tokenizer.v1"``."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return make
