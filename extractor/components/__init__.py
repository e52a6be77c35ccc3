"""The extraction layers, each a spaCy component registered under ``zhnews_*``.

Importing this package registers the factories; ``extractor.pipeline`` adds
them to a pipeline in dependency order.
"""
from extractor.components import (  # noqa: F401  (imports register the factories)
    directives,
    event_date,
    leaders,
    ner,
    organizations,
    project_stats,
    reporters,
    title_block,
)
from extractor.components.base import PIPE_NAMES, register_extensions

__all__ = ["PIPE_NAMES", "register_extensions"]
