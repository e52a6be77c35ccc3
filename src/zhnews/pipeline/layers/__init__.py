"""The extraction layers, one module each; importing this package registers every one of them.

A module here that defines a ``Layer`` subclass is a layer: its rules, settings, hit types and
how its results reach the record, the page, the tables and the evaluation. The pipeline order
is the layers' ``order``.
"""
from __future__ import annotations

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
