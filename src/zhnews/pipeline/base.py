"""What every layer shares: where results live on a Doc, and the ``Layer`` base class.

A layer's results live in ``doc.user_data["zhnews"]`` under its field name (``leaders``, ``event_date`` ...),
as registered hit types (``zhnews.pipeline.serialize``) that survive ``Doc.to_bytes``, ``DocBin`` and
``nlp.pipe(n_process=…)``. Each layer also exposes them as an extension attribute named in its config
(``doc._.zhnews_leaders`` by default). Values derived from a Doc and not worth keeping (its text, its
sentence index, token offsets) are cached beside it in a weak map, never in ``user_data``.

``Layer`` is everything a layer is, in one class: the spaCy component (``__call__``, ``pipe``, ``initialize``,
``to_disk``/``from_disk``, ``score``) and how its results reach the record (``to_record``), the rendered page
(``marks``), the tables (``tables``, ``rows``) and the evaluation (``eval_fields``, ``eval_items``). Subclasses
register themselves; ``zhnews.pipeline.factories`` makes each a spaCy factory. Nothing here imports spaCy,
so the record, table and evaluation sides work without it.
"""
from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from zhnews import lexicon as lexicons
from zhnews.chunks import chunks
from zhnews.text.scan import SentenceIndex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.outputs.columns import Table
    from zhnews.outputs.marks import Mark
    from zhnews.record.context import RecordContext

RESULTS_KEY = "zhnews"
_PREFIX = "zhnews_"
_CACHE: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


# --- results on a Doc -------------------------------------------------------------------------------------------
def results(doc: Doc) -> dict[str, Any]:
    """The dict of every layer's results on ``doc`` (created empty on first use)."""
    found = doc.user_data.get(RESULTS_KEY)
    if found is None:
        found = doc.user_data[RESULTS_KEY] = {}
    return found


_FIELD_OF: dict[str, str] = {}  # a layer's name -> its field (zhnews_prepare -> prepared), filled as layers register


def _field(name: str) -> str:
    found = _FIELD_OF.get(name)
    if found is not None:
        return found
    return name[len(_PREFIX):] if name.startswith(_PREFIX) else name


def get_ext(doc: Doc, name: str, default: Any = None) -> Any:
    """A result by its field (``leaders``) or its default extension name (``zhnews_leaders``)."""
    return results(doc).get(_field(name), default)


def set_ext(doc: Doc, name: str, value: Any) -> None:
    """Store a result under its field (``zhnews_leaders`` and ``leaders`` name the same one)."""
    results(doc)[_field(name)] = value


def warn(doc: Doc, message: str) -> None:
    """Add a warning to the doc's record."""
    results(doc).setdefault("warnings", []).append(message)


def cache(doc: Doc) -> dict[str, Any]:
    """Values derived from ``doc``, kept while the doc lives and never serialised."""
    found = _CACHE.get(doc)
    if found is None:
        found = _CACHE[doc] = {}
    return found


def text_of(doc: Doc) -> str:
    """The text the layers read: the prepared (normalised) text, which is ``doc.text``, built once."""
    prepared = results(doc).get("prepared")
    if prepared is not None:
        return prepared.text
    store = cache(doc)
    text = store.get("text")
    if text is None:
        text = store["text"] = doc.text
    return text


def sentence_index(doc: Doc) -> SentenceIndex:
    """Sentence and line boundaries of the doc's text, computed once per doc."""
    store = cache(doc)
    index = store.get("sentences")
    if index is None:
        index = store["sentences"] = SentenceIndex(text_of(doc))
    return index


def published_of(doc: Doc) -> Any:
    """The publication date of the doc's article (``datetime.date``), the reference for relative dates."""
    prepared = results(doc).get("prepared")
    return prepared.published if prepared is not None else None


def gaps_of(doc: Doc) -> frozenset[int]:
    """Positions of the text where normalisation removed typesetting white space (李 铮 -> 李铮)."""
    prepared = results(doc).get("prepared")
    return prepared.normalized.gaps if prepared is not None else frozenset()


def body_start(doc: Doc) -> int:
    """Where the report proper starts (0 when the title-block layer did not run)."""
    block = get_ext(doc, "title_block")
    return block.body_start if block is not None else 0


# --- the layers -------------------------------------------------------------------------------------------------
LAYERS: dict[str, type[Layer]] = {}  # factory name -> class, every registered layer


def layers(*, default_only: bool = False) -> list[type[Layer]]:
    """The registered layers in pipeline order (``default_only``: those a default pipeline holds)."""
    import zhnews.pipeline.layers  # noqa: F401  (importing the package registers every layer module)

    found = sorted(LAYERS.values(), key=lambda cls: cls.order)
    return [cls for cls in found if cls.in_default_pipeline] if default_only else found


def _with_lexicon(method):
    """Run a component method with the component's lexicon active (``zhnews.lexicon.load``)."""

    @functools.wraps(method)
    def run(self: Layer, *args: Any, **kwargs: Any) -> Any:
        with lexicons.active(self.lexicon):
            return method(self, *args, **kwargs)

    return run


def _with_lexicon_stream(method):
    """``pipe`` with the component's lexicon active while each doc is made (a generator)."""

    @functools.wraps(method)
    def run(self: Layer, *args: Any, **kwargs: Any) -> Iterator[Doc]:
        stream = method(self, *args, **kwargs)
        while True:
            with lexicons.active(self.lexicon):
                try:
                    doc = next(stream)
                except StopIteration:
                    return
            yield doc

    return run


class Layer:
    """One extraction layer: a spaCy component and how its results reach records, pages, tables and scores.

    Subclasses set the class attributes below and implement ``__call__``; the record-side class methods
    default to "nothing". ``pipe`` runs a batch of docs through the layer before the next layer takes it,
    which keeps each layer's lexicons and patterns in the CPU caches (a batch also closes at
    ``MAX_BATCH_CHARS`` characters, so long documents are not held in memory by the hundred).
    """

    name: ClassVar[str]  # the spaCy factory name, zhnews_<field>
    field: ClassVar[str]  # where its results live on the Doc (results(doc)[field])
    record_field: ClassVar[str | None] = None  # the ArticleRecord field it fills
    order: ClassVar[int]  # its place in the pipeline: every layer it reads has a lower one
    reads: ClassVar[tuple[str, ...]] = ()  # the fields of earlier layers it reads
    span_keys: ClassVar[dict[str, str]] = {}  # what it puts on doc.spans: role -> default key
    default_config: ClassVar[dict[str, Any]] = {}  # its own settings, as the factory's config
    in_default_pipeline: ClassVar[bool] = True
    eval_fields: ClassVar[tuple[str, ...]] = ()  # the evaluation fields it is scored on
    tables: ClassVar[tuple[Table, ...]] = ()  # the table columns it contributes
    MAX_BATCH_CHARS: ClassVar[int] = 200_000

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__call__" in cls.__dict__:
            cls.__call__ = _with_lexicon(cls.__dict__["__call__"])  # type: ignore[method-assign]
        if "pipe" in cls.__dict__:
            cls.pipe = _with_lexicon_stream(cls.__dict__["pipe"])  # type: ignore[method-assign]
        if "name" in cls.__dict__:
            LAYERS[cls.name] = cls
            _FIELD_OF[cls.name] = cls.field

    def __init__(self, nlp: Any = None, name: str | None = None, *, extension: str | None = None,
                 span_keys: dict[str, str] | None = None, **settings: Any) -> None:
        unknown = set(settings) - set(self.default_config)
        if unknown:
            raise TypeError(f"{self.name}: unknown setting(s) {sorted(unknown)}")
        self.component_name = name or self.name
        self.extension = extension or self.name
        self.span_key = {**self.span_keys, **(span_keys or {})}
        for key, value in {**self.default_config, **settings}.items():
            setattr(self, key, value)
        self.lexicon = lexicons.Lexicon.from_package()
        self._register_extension()

    def _register_extension(self) -> None:
        """``doc._.<extension>``: a view of this layer's results (read and write)."""
        from spacy.tokens import Doc

        field = self.field
        if not Doc.has_extension(self.extension):
            Doc.set_extension(self.extension, getter=lambda doc: get_ext(doc, field),
                              setter=lambda doc, value: set_ext(doc, field, value))

    # --- the spaCy component ------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - every layer defines it
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process ``stream`` in batches of at most ``batch_size`` docs, in order."""
        for batch in chunks(stream, batch_size, self.MAX_BATCH_CHARS, lambda doc: len(text_of(doc))):
            yield from [self(doc) for doc in batch]

    def put_spans(self, doc: Doc, role: str, specs: list[tuple[int, int, str]]) -> Doc:
        """Store character spans as ``doc.spans[<key of role>]``; returns the doc to go on with (see
        ``zhnews.pipeline.spans.set_span_group``)."""
        from zhnews.pipeline.spans import set_span_group

        return set_span_group(doc, self.span_key[role], specs)

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, lexicon: str | Path | None = None) -> None:
        """Take the lexicon from a folder of data files laid over the package's (``[initialize.components.<name>]
        lexicon = "path"``); without one, the package's own."""
        self.lexicon = lexicons.Lexicon.from_dir(lexicon) if lexicon else lexicons.Lexicon.from_package()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the component's lexicon (every data file) under ``path``."""
        self.lexicon.to_dir(Path(path) / "lexicon")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Layer:
        """Load the lexicon ``to_disk`` saved."""
        folder = Path(path) / "lexicon"
        package = lexicons.Lexicon.from_package()
        self.lexicon = lexicons.Lexicon.from_dir(folder, base={}) if folder.is_dir() else package
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The lexicon's files as msgpack bytes."""
        import srsly

        return srsly.msgpack_dumps(self.lexicon.files)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Layer:
        """Load the lexicon ``to_bytes`` wrote."""
        import srsly

        self.lexicon = lexicons.Lexicon.shared(srsly.msgpack_loads(data))
        return self

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, float]:
        """Precision, recall and F1 of each of the layer's evaluation fields over spaCy ``Example``s whose
        reference docs carry a gold record (``zhnews.evaluate.examples``)."""
        from zhnews.evaluate import score_examples

        return score_examples(examples, self.eval_fields, prefix=self.component_name)

    # --- the record side ---------------------------------------------------------------------------------------
    @classmethod
    def to_record(cls, value: Any, context: RecordContext) -> Any:
        """The layer's record field made from its results (spans mapped to the original text)."""
        raise NotImplementedError(f"{cls.name} fills no record field")

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        """The spans of the rendered page this layer highlights, from a validated record."""
        return []

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """The layer's table rows from a record's JSON form: table name -> rows (the ``articles`` table gets
        one row per record, merged from every layer's columns)."""
        return {}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        """The comparable items of one of ``eval_fields`` in a gold or extracted record (JSON form)."""
        raise KeyError(field)
