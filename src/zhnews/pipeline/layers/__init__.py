"""The extraction layers, each a spaCy component registered under ``zhnews_*``.

Importing this package registers the factories; ``zhnews.pipeline`` adds
them to a pipeline in dependency order.
"""
from zhnews.pipeline.base import PIPE_NAMES, register_extensions
from zhnews.pipeline.layers import (  # noqa: F401  (imports register the factories)
    directives,
    event_date,
    leaders,
    ner,
    organizations,
    project_stats,
    reporters,
    title_block,
)

__all__ = ["PIPE_NAMES", "register_extensions"]
