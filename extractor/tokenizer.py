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
# What jieba segments as one block (its re_han_default), when longer than MAX_BLOCK.
_LONG_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]{" + str(MAX_BLOCK + 1) + ",}")


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

    def __call__(self, text: str) -> Doc:
        words = [word for piece in _pieces(text) if piece for word in self.segmenter.cut(piece, cut_all=False) if word]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        remember_token_starts(doc, list(accumulate(map(len, words), initial=0))[:-1])
        return doc


@registry.tokenizers("zhnews.jieba_tokenizer.v1")
def create_jieba_tokenizer() -> Callable[[Language], JiebaTokenizer]:
    """Registered tokenizer factory: ``[nlp.tokenizer] @tokenizers = "zhnews.jieba_tokenizer.v1"``."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

    return make
