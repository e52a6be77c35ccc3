"""Build the spaCy pipeline: a Chinese tokenizer (jieba or pkuseg) and the zhnews layers."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

import spacy
from spacy.language import Language

from zhnews.pipeline.layers import PIPE_NAMES
from zhnews.segmentation import tokenizer as _tokenizer  # noqa: F401  (registers zhnews.jieba_tokenizer.v1)

Segmenter = Literal["jieba", "pkuseg", "char"]


NER_PIPE = "zhnews_ner"


def with_ner(components: tuple[str, ...]) -> tuple[str, ...]:
    """``components`` with the NER layer after ``zhnews_leaders`` (it reads the rule layers' results,
    and directive speakers may be the leaders it adds)."""
    if NER_PIPE in components:
        return components
    if "zhnews_leaders" not in components:
        return (*components, NER_PIPE)
    at = components.index("zhnews_leaders") + 1
    return (*components[:at], NER_PIPE, *components[at:])


class PipelineError(ValueError):
    """The pipeline cannot be built as asked (for example pkuseg without a model)."""


def _quiet_jieba() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)


def build_nlp(
    segmenter: Segmenter = "jieba",
    *,
    pkuseg_model: str | Path | None = None,
    components: tuple[str, ...] = PIPE_NAMES,
    config: dict[str, dict[str, Any]] | None = None,
    ner: bool = False,
) -> Language:
    """A ``zh`` pipeline with the given segmenter and extraction layers.

    ``config`` maps a component name to overrides of its factory config,
    e.g. ``{"zhnews_leaders": {"max_list_items": 100}}``. ``ner=True`` adds the
    statistical NER layer (``zhnews_ner``, ``pip install '.[ner]'``) after the leaders.
    """
    if ner:
        components = with_ner(components)
    if segmenter not in ("jieba", "pkuseg", "char"):
        raise PipelineError(f"unknown segmenter {segmenter!r}: use jieba, pkuseg or char")
    if segmenter == "pkuseg" and pkuseg_model is None:
        raise PipelineError("the pkuseg segmenter needs a local model directory (--pkuseg-model DIR)")
    _quiet_jieba()  # the name layer reads jieba's dictionary whatever the segmenter
    if segmenter == "jieba":
        tokenizer = {"@tokenizers": "zhnews.jieba_tokenizer.v1"}  # linear on long documents
    else:
        tokenizer = {"segmenter": segmenter}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    if segmenter == "pkuseg":
        model = Path(pkuseg_model)  # type: ignore[arg-type]
        if not model.is_dir():
            raise PipelineError(f"pkuseg model directory not found: {model}")
        nlp.tokenizer.initialize(pkuseg_model=str(model), pkuseg_user_dict="default")
    overrides = config or {}
    for name in components:
        nlp.add_pipe(name, config=overrides.get(name, {}))
    return nlp
