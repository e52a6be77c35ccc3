"""A jieba tokenizer for spaCy that stays linear on long documents.

It segments as spaCy's own ``zh`` jieba segmenter (``jieba.cut`` with
``cut_all=False``), but builds the Doc from the words directly: spaCy's
generic word/space alignment slices the remaining text once per word, which
is quadratic in the document's length (a 100x longer article cost 200x).
jieba's HMM for unknown words is quadratic in the length of a block too
(its Viterbi copies every path), so a block of more than ``MAX_BLOCK``
characters without a break is cut into pieces of that size first; a news
text never has such blocks, so its segmentation is unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

from extractor.spans import remember_token_starts

MAX_BLOCK = 400
# What jieba segments as one block (its re_han_default), when longer than MAX_BLOCK. The lookbehind
# lets a match start only where a block starts: tried inside a block, the repeat would run to the
# block's end from every position (quadratic in the block's length).
_BLOCK_CHAR = r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]"
_LONG_BLOCK = re.compile(rf"(?<!{_BLOCK_CHAR}){_BLOCK_CHAR}{{{MAX_BLOCK + 1},}}")
MAX_CACHED_WORDS = 1_000_000  # word -> hash entries kept before the cache starts afresh


def _pieces(text: str) -> Iterator[str]:
    """The text in order, with every over-long jieba block cut into MAX_BLOCK-character pieces."""
    cursor = 0
    for match in _LONG_BLOCK.finditer(text):
        yield text[cursor : match.start()]
        for start in range(match.start(), match.end(), MAX_BLOCK):
            yield text[start : min(start + MAX_BLOCK, match.end())]
        cursor = match.end()
    yield text[cursor:]


class JiebaTokenizer(DummyTokenizer):
    """jieba segmentation; every character of the text lands in exactly one token."""

    def __init__(self, vocab: Vocab) -> None:
        import jieba

        self.vocab = vocab
        self.segmenter = jieba.dt
        self.segmenter.check_initialized()
        self._orths: dict[str, int] = {}

    def __call__(self, text: str) -> Doc:
        words = [word for piece in _pieces(text) if piece for word in self.segmenter.cut(piece, cut_all=False) if word]
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
