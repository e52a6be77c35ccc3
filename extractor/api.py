"""The library API: ``extract`` for one text, ``Extractor`` for many."""
from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor.components.base import TEXT_KEY, set_ext
from extractor.header import HeaderError, parse_date, split_header
from extractor.normalize import Normalized, normalize
from extractor.pipeline import Segmenter, build_nlp
from extractor.record import build_record
from models import ArticleRecord

# A text, or (text, {"doc_id": …, "published": …, "published_source": …}); published_source says where a
# given date came from (models.ArticleRecord.published_source; "given" when left out).
Article = str | tuple[str, dict[str, Any]]


class Extractor:
    """A reusable extractor: the spaCy pipeline is built once, then ``pipe`` streams records.

    ``pipe`` runs up to ``batch_size`` documents through each layer together,
    which keeps each layer's data in the CPU caches (larger batches: faster,
    more memory; a batch also closes at 200,000 characters). ``ner=True`` adds
    the statistical NER layer (``pip install 'zhnews-extractor[ner]'``).
    """

    def __init__(
        self,
        segmenter: Segmenter = "jieba",
        *,
        pkuseg_model: str | Path | None = None,
        config: dict[str, dict[str, Any]] | None = None,
        batch_size: int = 128,
        ner: bool = False,
    ) -> None:
        self.nlp: Language = build_nlp(segmenter, pkuseg_model=pkuseg_model, config=config, ner=ner)
        self.batch_size = batch_size

    def _prepare(self, text: str, doc_id: str | None, published: dt.date | str | None,
                 published_source: str | None = None):
        header = split_header(text)
        warnings: list[str] = []
        if isinstance(published, str):
            published = parse_date(published, "published")
        source = (published_source or "given") if published is not None else None
        if published is None:
            try:
                published = header.published
            except HeaderError as exc:  # a bad header date must not cost the article
                warnings.append(f"metadata header ignored: {exc}")
            source = "header" if published is not None else None
        norm = normalize(text, header.body_start)
        doc = self.nlp.make_doc(norm.text)
        doc.user_data[TEXT_KEY] = norm.text  # spaCy would rebuild doc.text from the tokens on each access
        set_ext(doc, "zhnews_published", published)
        set_ext(doc, "zhnews_gaps", norm.gaps)
        meta = {"doc_id": doc_id, "published": published, "source": header.fields.get("source"), "warnings": warnings,
                "published_source": source}
        return doc, norm, meta

    def extract(self, text: str, *, doc_id: str | None = None, published: dt.date | str | None = None) -> ArticleRecord:
        """Extract the record of one article (a metadata header is honoured)."""
        return next(self.pipe([(text, {"doc_id": doc_id, "published": published})]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        """Stream records for texts or (text, {"doc_id", "published"}) pairs, in order."""
        pending: deque[tuple[Normalized, dict[str, Any]]] = deque()

        def docs() -> Iterator[Doc]:
            for article in articles:
                text, info = (article, {}) if isinstance(article, str) else article
                doc, norm, meta = self._prepare(text, info.get("doc_id"), info.get("published"),
                                                info.get("published_source"))
                pending.append((norm, meta))
                yield doc

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
            norm, meta = pending.popleft()
            yield build_record(doc, norm, **meta)


_DEFAULT: Extractor | None = None


def extract(text: str, *, doc_id: str | None = None, published: dt.date | str | None = None) -> ArticleRecord:
    """Extract one article with a shared default ``Extractor`` (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text, doc_id=doc_id, published=published)
