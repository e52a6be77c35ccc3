"""The zhnews tokenizer: prepares an article (header, normalisation) and segments it, in linear time.

Registered as ``zhnews.tokenizer.v1`` with its settings in the config::

    [nlp.tokenizer]
    @tokenizers = "zhnews.tokenizer.v1"
    segmenter = "jieba"          # jieba | pkuseg | char
    dictionary = null            # a jieba main dictionary (jieba's own when null)
    user_dictionary = null       # jieba user dictionary: "word [freq] [tag]" lines
    pkuseg_model = null          # a spacy-pkuseg model directory (segmenter = "pkuseg")

jieba segmentation is word for word ``jieba.cut(text)`` (``JiebaSegmenter``: jieba's dictionary and
HMM in less time, linear on any input). The Doc is built from the words directly (spaCy's generic
word/space alignment is quadratic in the document's length) over the prepared text, which is what
the layers read; ``results(doc)["prepared"]`` keeps the original text and the map back to it.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

from zhnews.pipeline.base import results
from zhnews.pipeline.spans import remember_token_starts
from zhnews.text.prepare import prepare

MAX_CACHED_WORDS = 1_000_000  # word -> hash entries kept before the cache starts afresh
SEGMENTERS = ("jieba", "pkuseg", "char")


class Segmenter(Protocol):
    def cut(self, text: str) -> list[str]: ...


class SegmenterError(ValueError):
    """A segmenter that cannot be built as asked (an unknown name, a missing model or dictionary)."""


class _Characters:
    """One token per character (spaCy's ``zh`` default)."""

    def cut(self, text: str) -> list[str]:
        return list(text)


class _Pkuseg:
    """spacy-pkuseg with a local model directory (``pip install 'zhnews-extractor[pkuseg]'``)."""

    def __init__(self, model: str) -> None:
        if not Path(model).is_dir():
            raise SegmenterError(f"pkuseg model directory not found: {model}")
        try:
            import spacy_pkuseg
        except ImportError as exc:
            raise SegmenterError("the pkuseg segmenter needs: pip install 'zhnews-extractor[pkuseg]'") from exc
        self.model = spacy_pkuseg.pkuseg(model, postag=False, user_dict="default")

    def cut(self, text: str) -> list[str]:
        return _aligned(text, self.model.cut(text))


def _aligned(text: str, words: list[str]) -> list[str]:
    """``words`` laid over ``text`` so that they cover it exactly: white space pkuseg leaves out becomes
    tokens of its own; from a word that is not the text ahead on, the rest goes character by character."""
    out: list[str] = []
    pos = 0
    for word in words:
        while pos < len(text) and text[pos].isspace() and not word.startswith(text[pos]):
            out.append(text[pos])
            pos += 1
        if not word or not text.startswith(word, pos):
            break
        out.append(word)
        pos += len(word)
    out.extend(text[pos:])
    return out


def make_segmenter(name: str = "jieba", *, dictionary: str | None = None, user_dictionary: str | None = None,
                   pkuseg_model: str | None = None) -> Segmenter:
    """The segmenter of a name and its settings."""
    if name == "jieba":
        from zhnews.segmentation.dictionary import jieba_tokenizer
        from zhnews.segmentation.jieba_segmenter import JiebaSegmenter

        return JiebaSegmenter(jieba_tokenizer(dictionary, user_dictionary))
    if name == "char":
        return _Characters()
    if name == "pkuseg":
        if not pkuseg_model:
            raise SegmenterError("the pkuseg segmenter needs a local model directory (--pkuseg-model DIR)")
        return _Pkuseg(pkuseg_model)
    raise SegmenterError(f"unknown segmenter {name!r}: use {', '.join(SEGMENTERS)}")


class ZhnewsTokenizer(DummyTokenizer):
    """Header, normalisation and segmentation; every character of the prepared text lands in one token."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter) -> None:
        self.vocab = vocab
        self.segmenter = segmenter
        self._orths: dict[str, int] = {}

    def __call__(self, text: str) -> Doc:
        prepared = prepare(text)
        doc = self.segment(prepared.text)
        results(doc)["prepared"] = prepared
        return doc

    def segment(self, text: str) -> Doc:
        """A Doc of ``text`` as it is (no header, no normalisation), in the segmenter's words."""
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


@registry.tokenizers("zhnews.tokenizer.v1")
def create_tokenizer(segmenter: str = "jieba", dictionary: str | None = None, user_dictionary: str | None = None,
                     pkuseg_model: str | None = None) -> Callable[[Language], ZhnewsTokenizer]:
    """Registered tokenizer factory (see the module's docstring for its settings)."""
    chosen = make_segmenter(segmenter, dictionary=dictionary, user_dictionary=user_dictionary,
                            pkuseg_model=pkuseg_model)

    def make(nlp: Language) -> ZhnewsTokenizer:
        return ZhnewsTokenizer(nlp.vocab, chosen)

    return make
