"""Build the spaCy pipeline: the zhnews tokenizer (header, normalisation, segmentation) and the layers."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

Segmenter = Literal["jieba", "pkuseg", "char"]


class PipelineError(ValueError):
    """The pipeline cannot be built as asked (for example pkuseg without a model)."""


def pipe_names(*, ner: bool = False) -> tuple[str, ...]:
    """The components of the default pipeline in order (``ner``: with the statistical NER layer)."""
    from zhnews.pipeline.base import layers

    return tuple(cls.name for cls in layers() if cls.in_default_pipeline or (ner and cls.name == "zhnews_ner"))


def build_nlp(
    segmenter: Segmenter = "jieba",
    *,
    pkuseg_model: str | Path | None = None,
    dictionary: str | Path | None = None,
    user_dictionary: str | Path | None = None,
    components: tuple[str, ...] | None = None,
    config: dict[str, dict[str, Any]] | None = None,
    ner: bool = False,
    lexicon: str | Path | None = None,
) -> Language:
    """A ``zh`` pipeline with the zhnews tokenizer and the extraction layers.

    ``config`` maps a component name to overrides of its factory config, e.g.
    ``{"zhnews_leaders": {"max_list_items": 100}}``; ``ner=True`` adds the statistical NER layer
    (``pip install '.[ner]'``); ``lexicon`` is a folder of data files laid over the package's, given to
    every component's ``initialize``; ``dictionary`` / ``user_dictionary`` are jieba dictionary files.
    """
    import spacy

    import zhnews.pipeline.factories  # noqa: F401  (registers the layers as spaCy factories)
    import zhnews.segmentation.tokenizer  # noqa: F401  (registers zhnews.tokenizer.v1)
    from zhnews.segmentation.tokenizer import SegmenterError

    tokenizer = {
        "@tokenizers": "zhnews.tokenizer.v1", "segmenter": segmenter,
        "dictionary": None if dictionary is None else str(dictionary),
        "user_dictionary": None if user_dictionary is None else str(user_dictionary),
        "pkuseg_model": None if pkuseg_model is None else str(pkuseg_model),
    }
    try:
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    except SegmenterError as exc:
        raise PipelineError(str(exc)) from exc
    except Exception as exc:  # spaCy wraps a registered function's error in its own
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, (SegmenterError, FileNotFoundError)):
            raise PipelineError(str(cause)) from exc
        raise
    overrides = config or {}
    for name in components if components is not None else pipe_names(ner=ner):
        nlp.add_pipe(name, config=overrides.get(name, {}))
    if lexicon is not None:
        for _, component in nlp.pipeline:
            component.initialize(lexicon=lexicon)
    return nlp
