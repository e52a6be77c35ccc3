"""Every registered zhnews layer as a spaCy factory, registered when this module is imported.

The layer modules do not import spaCy (so the record, table and evaluation sides work without
it); this module turns each ``Layer`` class into a factory named as the layer, with its settings
(``extension``, ``span_keys`` and the layer's ``default_config``) as the factory's config. The
package's ``spacy_factories`` entry points name the ``make_<layer>`` functions here, so after
``pip install zhnews-extractor``, ``spacy.blank("zh").add_pipe("zhnews_leaders")`` works without an
import.
"""
from __future__ import annotations

import inspect
from typing import Any

from spacy.language import Language

from zhnews.pipeline.base import Layer, layers

__all__: list[str] = []


def _factory(cls: type[Layer]):
    """A factory function for ``cls`` whose signature spaCy's config validation reads."""

    def make(nlp: Language, name: str, **config: Any) -> Layer:
        return cls(nlp, name, **config)

    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [
        inspect.Parameter("nlp", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Language),
        inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str),
        inspect.Parameter("extension", keyword, default=cls.name, annotation=str),
        inspect.Parameter("span_keys", keyword, default=dict(cls.span_keys), annotation=dict),
        *(inspect.Parameter(key, keyword, default=value) for key, value in cls.default_config.items()),
    ]
    make.__signature__ = inspect.Signature(parameters, return_annotation=Layer)  # type: ignore[attr-defined]
    make.__name__ = make.__qualname__ = factory_function_name(cls)
    make.__doc__ = f"spaCy factory of {cls.__name__}: {(cls.__doc__ or '').strip().splitlines()[0]}"
    return make


def factory_function_name(cls: type[Layer]) -> str:
    """``make_leaders`` for ``zhnews_leaders``: the name an entry point gives."""
    return "make_" + cls.name.removeprefix("zhnews_")


def register() -> None:
    """Register every layer as a spaCy factory (idempotent)."""
    for cls in layers():
        function_name = factory_function_name(cls)
        if function_name in globals():
            continue
        make = _factory(cls)
        globals()[function_name] = make
        __all__.append(function_name)
        Language.factory(
            cls.name,
            default_config={"extension": cls.name, "span_keys": dict(cls.span_keys), **cls.default_config},
            requires=[f"doc._.zhnews_{field}" for field in cls.reads],
            assigns=[f"doc._.{cls.name}", *(["doc.spans"] if cls.span_keys else [])],
            func=make,
        )


register()
