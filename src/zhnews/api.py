"""The library API: ``extract`` for one text, ``Extractor`` for many."""
from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhnews.pipeline import Segmenter, build_nlp
from zhnews.pipeline.base import results
from zhnews.record.build import build_record
from zhnews.schema import ArticleRecord

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

Article = str | tuple[str, dict[str, Any]]  # a text, or (text, {"doc_id": …, "published": …})


class Extractor:
    """A reusable extractor: the spaCy pipeline is built once, then ``pipe`` streams records.

    ``pipe`` runs up to ``batch_size`` documents through each layer together, which keeps each
    layer's data in the CPU caches (larger batches: faster, more memory; a batch also closes at
    200,000 characters). ``ner=True`` adds the statistical NER layer
    (``pip install 'zhnews-extractor[ner]'``); ``lexicon`` is a folder of data files laid over the
    package's word lists.
    """

    def __init__(
        self,
        segmenter: Segmenter = "jieba",
        *,
        pkuseg_model: str | Path | None = None,
        config: dict[str, dict[str, Any]] | None = None,
        batch_size: int = 128,
        ner: bool = False,
        lexicon: str | Path | None = None,
        nlp: Language | None = None,
    ) -> None:
        self.nlp: Language = nlp or build_nlp(segmenter, pkuseg_model=pkuseg_model, config=config, ner=ner,
                                              lexicon=lexicon)
        self.batch_size = batch_size

    def make_doc(self, text: str, published: dt.date | str | None = None,
                 published_source: str = "given") -> Doc:
        """The tokenized, prepared Doc of ``text``; a ``published`` date given here overrides the header's."""
        doc = self.nlp.make_doc(text)
        found = results(doc)
        if "prepared" not in found:  # a tokenizer of the user's: the first component prepares the doc
            doc = self.nlp.get_pipe("zhnews_prepare")(doc) if "zhnews_prepare" in self.nlp.pipe_names else doc
            found = results(doc)
        if published is not None:
            found["prepared"] = found["prepared"].with_published(published, published_source)
        return doc

    def extract(self, text: str, *, doc_id: str | None = None, published: dt.date | str | None = None) -> ArticleRecord:
        """Extract the record of one article (a metadata header is honoured)."""
        return next(self.pipe([(text, {"doc_id": doc_id, "published": published})]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        """Stream records for texts or (text, {"doc_id", "published", "published_source"}) pairs, in order."""
        pending: deque[str | None] = deque()

        def docs() -> Iterator[Doc]:
            for article in articles:
                text, info = (article, {}) if isinstance(article, str) else article
                pending.append(info.get("doc_id"))
                yield self.make_doc(text, info.get("published"), info.get("published_source") or "given")

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
            yield build_record(doc, doc_id=pending.popleft())


_DEFAULT: Extractor | None = None


def extract(text: str, *, doc_id: str | None = None, published: dt.date | str | None = None) -> ArticleRecord:
    """Extract one article with a shared default ``Extractor`` (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text, doc_id=doc_id, published=published)
