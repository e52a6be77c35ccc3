"""zhnews-extractor: Chinese government news reports -> validated, source-grounded records.

``from zhnews import extract, Extractor, ArticleRecord``. The names are imported on first use,
so ``import zhnews`` (and the ``zhnews`` command's help, ``schema``, ``export`` and ``report``)
does not load spaCy.
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from zhnews.api import Extractor, extract
    from zhnews.schema import ArticleRecord

try:
    __version__ = version("zhnews-extractor")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
    __version__ = "0+unknown"

_LAZY = {"Extractor": "zhnews.api", "extract": "zhnews.api", "ArticleRecord": "zhnews.schema"}
__all__ = ["ArticleRecord", "Extractor", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    """Import ``Extractor``, ``extract`` and ``ArticleRecord`` when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'zhnews' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
