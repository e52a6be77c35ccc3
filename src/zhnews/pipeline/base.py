"""What every component shares: the Doc extension attributes and the pipe order."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from zhnews.chunks import chunks
from zhnews.pipeline.spans import TEXT_KEY, text_of
from zhnews.text.scan import SentenceIndex

__all__ = [
    "EXTENSIONS", "PIPE_NAMES", "TEXT_KEY", "BatchedComponent", "body_start", "get_ext", "register_extensions",
    "sentence_index", "set_ext", "text_of", "warn",
]

# The components in dependency order (a later one reads what earlier ones found).
PIPE_NAMES = (
    "zhnews_title_block",
    "zhnews_reporters",
    "zhnews_event_date",
    "zhnews_organizations",
    "zhnews_leaders",
    "zhnews_directives",
    "zhnews_project_stats",
)

# Extension attribute -> default. Inputs set by the caller, results set by the components.
EXTENSIONS = {
    "zhnews_published": None,  # datetime.date of publication, the reference for relative dates
    "zhnews_gaps": None,  # frozenset of positions where typesetting white space was removed
    "zhnews_title_block": None,  # TitleBlockHit
    "zhnews_reporters": None,  # list[ReporterHit]
    "zhnews_event_date": None,  # DateHit | None
    "zhnews_organizations": None,  # list[Hit]
    "zhnews_leaders": None,  # list[LeaderHit]
    "zhnews_directives": None,  # list[DirectiveGroupHit]
    "zhnews_project_stats": None,  # list[StatHit]
    "zhnews_warnings": None,  # list[str]
}


class BatchedComponent:
    """A layer that ``nlp.pipe`` runs over a whole batch of docs before the next layer takes it.

    Doc by doc, every layer's lexicons and patterns and jieba's dictionary
    evict one another from the CPU caches; a batch at a time, each stays warm
    (``scripts/benchmark.py``: full extraction 10-15% faster at batch size 128).
    A batch also closes at ``MAX_BATCH_CHARS`` characters, so long documents
    are not held in memory by the hundred.
    """

    MAX_BATCH_CHARS = 200_000

    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - every layer defines it
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process ``stream`` in batches of at most ``batch_size`` docs, in order."""
        for batch in chunks(stream, batch_size, self.MAX_BATCH_CHARS, lambda doc: len(text_of(doc))):
            yield from [self(doc) for doc in batch]


# Where spaCy keeps ``doc._.<name>`` in ``doc.user_data`` (its ``Underscore._get_key`` for a Doc).
_KEYS = {name: ("._.", name, None, None) for name in EXTENSIONS}


def get_ext(doc: Doc, name: str) -> Any:
    """``doc._.<name>`` for one of ``EXTENSIONS``, without building an ``Underscore`` per access (20x faster)."""
    return doc.user_data.get(_KEYS[name], EXTENSIONS[name])


def set_ext(doc: Doc, name: str, value: Any) -> None:
    """``doc._.<name> = value`` for one of ``EXTENSIONS``; ``doc._`` reads it back as usual."""
    doc.user_data[_KEYS[name]] = value


def register_extensions() -> None:
    """Register the ``doc._.zhnews_*`` attributes (idempotent)."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Doc.has_extension("zhnews_sentences"):
        Doc.set_extension("zhnews_sentences", getter=sentence_index)


_INDEX_KEY = "zhnews_sentence_index"


def sentence_index(doc: Doc) -> SentenceIndex:
    """Sentence boundaries of the doc's text, computed once per doc (``doc._.zhnews_sentences``)."""
    index = doc.user_data.get(_INDEX_KEY)
    if index is None:
        index = doc.user_data[_INDEX_KEY] = SentenceIndex(text_of(doc))
    return index


def body_start(doc: Doc) -> int:
    """Where the report proper starts (0 when the title-block layer did not run)."""
    block = get_ext(doc, "zhnews_title_block")
    return block.body_start if block is not None else 0


def warn(doc: Doc, message: str) -> None:
    """Add a warning to the doc's record."""
    warnings = get_ext(doc, "zhnews_warnings")
    if warnings is None:
        warnings = []
        set_ext(doc, "zhnews_warnings", warnings)
    warnings.append(message)


register_extensions()
